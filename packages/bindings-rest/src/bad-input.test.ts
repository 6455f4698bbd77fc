import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inMemoryApp } from "./_test_helpers.ts";

/** A small seeded generator, so a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEY = "fuzz-key-1";
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

describe("bad input", () => {
  it("answers 1,500 generated bad requests without a 500, a crash or a non-problem error", async () => {
    const { app } = inMemoryApp({ apiKeys: [KEY], bodyLimit: 64 * 1024 });
    const random = prng(0x5eed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const statuses = new Map<number, number>();
    let sent = 0;
    try {
      for (let i = 0; i < 1_500; i++) {
        const server = () => random() < 0.6 ? pick(["test", "echo"]) : pick(NAMES);
        const target = () =>
          random() < 0.6
            ? pick(["add", "slow", "fail", "echo", "greet", "test%3A%2F%2Fhello"])
            : pick(NAMES);
        const path = pick(ROUTES).replaceAll("{s}", server).replaceAll("{t}", target);
        const method = pick(METHODS);
        const headers: Record<string, string> = {};
        const auth = pick(AUTH);
        if (auth) headers.authorization = auth;
        const type = pick(CONTENT_TYPES);
        if (type) headers["content-type"] = type;
        const accept = pick(ACCEPT);
        if (accept) headers.accept = accept;
        const init: RequestInit = { method, headers };
        if (method !== "GET" && method !== "HEAD") init.body = pick(BODIES)() as BodyInit;
        let res: Response;
        try {
          res = await app.request(path, init);
        } catch (err) {
          // The URL or header could not even be built into a Request: nothing reached the app.
          if (err instanceof TypeError) continue;
          throw err;
        }
        sent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const label = `${method} ${path.slice(0, 80)} → ${res.status}`;
        assert.notEqual(res.status, 500, label);
        if (res.status >= 400) {
          assert.equal(res.headers.get("content-type"), "application/problem+json", label);
          if (method !== "HEAD") {
            const problem = await res.json();
            assert.equal(typeof problem.code, "string", label);
            assert.equal(problem.status, res.status, label);
            assert.equal(typeof problem.requestId, "string", label);
            assert.equal(problem.stack, undefined, label);
          }
        } else {
          await res.body?.cancel();
        }
      }
      assert.ok(sent >= 1_000, `only ${sent} requests reached the app`);
      assert.ok(
        (statuses.get(200) ?? 0) > 0 && (statuses.get(401) ?? 0) > 0 &&
          (statuses.get(404) ?? 0) > 0,
      );
      const after = await app.request("/v1/servers/test/tools/add", {
        method: "POST",
        headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
        body: '{"a":1,"b":2}',
      });
      assert.equal(after.status, 200, "still serving after the run");
    } finally {
      await app.close();
    }
  });
});
