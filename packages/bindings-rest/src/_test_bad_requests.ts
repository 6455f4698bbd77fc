// Test-only: the seeded bad requests of the bad-input runs, and how their answers are checked.
import assert from "node:assert/strict";
import { request } from "node:http";
import { Buffer } from "node:buffer";

/** A small seeded generator, so a failure can be replayed. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const KEY = "fuzz-key-1";
const NAMES = [
  "test",
  "echo",
  "add",
  "slow",
  "nope",
  "",
  "..",
  "%2e%2e",
  "%2F",
  "a%2Fb",
  "%00",
  "%",
  "%ZZ",
  "%E0%A4%A",
  "ü",
  "%F0%9F%98%80",
  "%E2%80%AE",
  "%3Cscript%3E",
  "x".repeat(3000),
  "con",
  "__proto__",
  "constructor",
  "%20",
  "a.b",
  "-",
  "test%00",
  "greet",
];
const ROUTES = [
  "/v1/servers/{s}",
  "/v1/servers/{s}/tools",
  "/v1/servers/{s}/tools/{t}",
  "/v1/servers/{s}/resources",
  "/v1/servers/{s}/resource-templates",
  "/v1/servers/{s}/resources/read?uri={t}",
  "/v1/servers/{s}/prompts",
  "/v1/servers/{s}/prompts/{t}",
  "/v1/servers/{s}/complete",
  "/v1/servers/{s}/openapi.json",
  "/v1/tools",
  "/v1/openapi.json",
  "/v1/docs",
  "/v1/{s}",
  "/{s}/{t}",
  "/v1/servers/{s}/tools/{t}/{t}",
  "//v1//servers",
  "/v1/servers/{s}/tools/{t}?view={t}",
];
const BODIES: (() => string | Uint8Array)[] = [
  () => "{",
  () => "[1,2,3]",
  () => "null",
  () => "42",
  () => '"str"',
  () => "{}",
  () => '{"a":1,"b":2}',
  () => '{"a":"1","b":true}',
  () => '{"a":1e400,"b":-0}',
  () => '{"__proto__":{"admin":true},"a":1,"b":1}',
  () => '{"a":1,"b":1,"a":"dup"}',
  () => '{"text":"\\ud800 lone surrogate \\u0000"}',
  () => '{"text":"' + "😀".repeat(2000) + '"}',
  () => "[".repeat(20_000) + "]".repeat(20_000),
  () => '{"a":'.repeat(5_000) + "1" + "}".repeat(5_000),
  () => new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]),
  () => "x".repeat(70_000),
  () => '{"steps":-1,"delayMs":"soon"}',
  () => '{"ref":{"type":1},"argument":[]}',
  () =>
    '{"ref":{"type":"ref/prompt","name":"greet"},"argument":{"name":"name","value":"a"},"context":"x"}',
];
const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/vnd.api+json",
  "",
  "application/json;;;",
  "ÿ",
];
const METHODS = [
  "GET",
  "GET",
  "POST",
  "POST",
  "POST",
  "POST",
  "PUT",
  "DELETE",
  "PATCH",
  "OPTIONS",
  "HEAD",
];
const GOOD = `Bearer ${KEY}`;
const AUTH = [
  ...Array.from({ length: 12 }, () => GOOD),
  "",
  "Bearer",
  "Bearer wrong",
  "Basic !!!",
  "Token x",
];
const ACCEPT = ["application/json", "*/*", "text/event-stream", "image/png", "", "text/html;q=0.1"];

export interface BadRequest {
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export const TOOL_CALLS: string[] = [
  "/v1/servers/{s}/tools/{t}",
  "/v1/servers/{s}/tools/{t}?view={t}",
];

/** The same generated requests every time (seeded): any route and method, or only tool calls. */
export function* badRequests(
  seed = 0x5eed,
  count = 1_500,
  routes: readonly string[] = ROUTES,
  methods: readonly string[] = METHODS,
): Generator<BadRequest> {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  for (let i = 0; i < count; i++) {
    const server = () => random() < 0.6 ? pick(["test", "echo"]) : pick(NAMES);
    const target = () =>
      random() < 0.6
        ? pick(["add", "slow", "fail", "echo", "greet", "test%3A%2F%2Fhello"])
        : pick(NAMES);
    const path = pick(routes).replaceAll("{s}", server).replaceAll("{t}", target);
    const method = pick(methods);
    const headers: Record<string, string> = {};
    const auth = pick(AUTH);
    if (auth) headers.authorization = auth;
    const type = pick(CONTENT_TYPES);
    if (type) headers["content-type"] = type;
    const accept = pick(ACCEPT);
    if (accept) headers.accept = accept;
    const body = method !== "GET" && method !== "HEAD" ? pick(BODIES)() : undefined;
    yield { path, method, headers, ...(body === undefined ? {} : { body }) };
  }
}

/** Checks one answer: never 500, every error a problem with a code, its status and a request id. */
export function checkAnswer(
  r: BadRequest,
  status: number,
  contentType: string | null | undefined,
  body: string | undefined,
): void {
  const label = `${r.method} ${r.path.slice(0, 80)} → ${status}`;
  assert.notEqual(status, 500, label);
  if (status < 400) return;
  assert.equal(contentType, "application/problem+json", label);
  if (body === undefined) return;
  const problem = JSON.parse(body);
  assert.equal(typeof problem.code, "string", label);
  assert.equal(problem.status, status, label);
  assert.equal(typeof problem.requestId, "string", label);
  assert.equal(problem.stack, undefined, label);
}

export function assertSpread(statuses: Map<number, number>, sent: number): void {
  assert.ok(sent >= 1_000, `only ${sent} requests reached the app`);
  assert.ok(
    (statuses.get(200) ?? 0) > 0 && (statuses.get(401) ?? 0) > 0 && (statuses.get(404) ?? 0) > 0,
  );
}

export const GOOD_CALL = {
  method: "POST",
  headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
  body: '{"a":1,"b":2}',
};

/** Sends a request over node:http with its path as it is (no URL normalization). */
export function send(
  port: number,
  r: BadRequest,
): Promise<{ status: number; type: string | undefined; body: string }> {
  // An explicit length: without it node:http sends the body of a GET or DELETE unframed.
  const headers = r.body === undefined
    ? r.headers
    : { ...r.headers, "content-length": String(Buffer.byteLength(r.body)) };
  return new Promise((resolve, reject) => {
    const req = request(
      // Non-ASCII is percent-encoded, as a URL would have it; the rest goes as it is.
      {
        host: "127.0.0.1",
        port,
        path: r.path.replace(/[^\x21-\x7e]/g, encodeURIComponent),
        method: r.method,
        headers,
      },
      (res) => {
        const chunks: Uint8Array[] = [];
        res.on("data", (chunk: Uint8Array) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode!,
            type: res.headers["content-type"],
            body: new TextDecoder().decode(Buffer.concat(chunks)),
          }));
      },
    );
    req.on("error", reject);
    req.end(r.body);
  });
}
