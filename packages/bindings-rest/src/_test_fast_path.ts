// Test-only: the apps, cases, comparison and parity tests shared by the fast paths (node:http in
// fast-path.test.ts, web Request in web-fast-path.test.ts), which differ only in how a case is sent.
import assert from "node:assert/strict";
import { it } from "node:test";
import { Client, ConnectionError, McpError, TimeoutError } from "@mcpwire/core";
import { testServer } from "../test/fixtures/servers.ts";
import { createRestApp, type RestApp, type RestAppOptions } from "./app.ts";
import type { UpstreamClient } from "./upstream-client.ts";
import { Upstreams } from "./upstreams.ts";

/** A server whose tools fail the ways a real one can (or that never connects). */
function fakeClient(connects: boolean): UpstreamClient {
  const tools = ["ok", "timeout", "rpc", "missing", "boom", "drop"];
  const fail: Record<string, () => Error> = {
    timeout: () => new TimeoutError("tools/call 'timeout' timed out after 5 ms", 5),
    rpc: () => new McpError(-32603, "internal server error"),
    missing: () => new McpError(-32601, "method not found"),
    boom: () => new Error("a bug with a secret in its message"),
    drop: () => new ConnectionError("the server went away"),
  };
  const none = () => Promise.resolve([]);
  return {
    initializeResult: { serverInfo: { name: "fake" }, capabilities: { tools: {} } },
    connect: () => connects ? Promise.resolve() : Promise.reject(new ConnectionError("no server")),
    close: () => Promise.resolve(),
    listTools: () =>
      Promise.resolve(tools.map((name) => ({ name, inputSchema: { type: "object" } }))),
    callTool: (name, args, options) => {
      if (fail[name]) return Promise.reject(fail[name]());
      const data = { args, timeout: options.timeout, max: options.maxTotalTimeout ?? null };
      return Promise.resolve({
        content: [{ type: "text", text: "ok" }],
        structuredContent: data,
        data,
      });
    },
    listResources: none,
    listResourceTemplates: none,
    readResource: none,
    listPrompts: none,
    getPrompt: none,
    complete: none,
  };
}

/** An app with the test server (`test`), a fake (`fake`) and a server that never connects (`down`). */
export function makeApp(options: RestAppOptions): RestApp {
  const upstreams = new Upstreams();
  upstreams.add("test", new Client(testServer()));
  upstreams.add("fake", fakeClient(true));
  upstreams.add("down", fakeClient(false));
  return createRestApp(upstreams, { onInternalError: () => {}, bodyLimit: 1024, ...options });
}

/** One request of a parity test. */
export interface Case {
  path: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** What a server answered. */
export interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
}

const COMPARED = [
  "content-type",
  "cache-control",
  "mcp-tool-error",
  "www-authenticate",
  "retry-after",
  "access-control-allow-origin",
  "access-control-allow-credentials",
  "access-control-expose-headers",
  "vary",
];

/** The compared headers of an answer. */
export function headersOf(
  get: (name: string) => string | null | undefined,
): Record<string, string | undefined> {
  return Object.fromEntries(
    [...COMPARED, "x-request-id"].map((name) => [name, get(name) ?? undefined]),
  );
}

/** The request init of a case. */
export function init(c: Case): { method: string; headers: Record<string, string>; body: BodyInit } {
  return {
    method: "POST",
    headers: { "content-type": "application/json", ...c.headers },
    body: (c.body ?? "{}") as BodyInit,
  };
}

/** Asserts a fast path answered a case exactly as the Hono app did. */
export function expectSame(fast: Answer, app: Answer, c: Case): void {
  const label = `${c.path} ${JSON.stringify(c.headers ?? {})} ${String(c.body).slice(0, 40)}`;
  assert.notEqual(fast.status, 599, `the fast path did not take ${label}`);
  assert.equal(fast.status, app.status, label);
  const given = c.headers?.["x-request-id"];
  for (const answer of [fast, app]) {
    const id = answer.headers["x-request-id"];
    if (given === "trace-0042") assert.equal(id, given, label);
    else assert.match(id ?? "", /^[0-9a-f-]{36}$/, label);
  }
  // Retry-After counts down to the server's next reconnect attempt: each app has its own server
  // and back-off timer, and reads the clock at its own moment, so only its form must agree.
  const { "x-request-id": _a, "retry-after": fastRetry, ...fastHeaders } = fast.headers;
  const { "x-request-id": _b, "retry-after": appRetry, ...appHeaders } = app.headers;
  assert.deepEqual(fastHeaders, appHeaders, label);
  assert.equal(fastRetry === undefined, appRetry === undefined, `Retry-After of ${label}`);
  for (const retry of [fastRetry, appRetry]) {
    if (retry !== undefined) assert.match(retry, /^[1-9]\d*$/, `Retry-After of ${label}`);
  }
  const strip = (answer: Answer) => {
    const body = JSON.parse(answer.body);
    if (answer.status >= 400) {
      assert.equal(body.requestId, answer.headers["x-request-id"], label);
      delete body.requestId;
    }
    return body;
  };
  assert.deepEqual(strip(fast), strip(app), label);
}

export const ADD = "/v1/servers/test/tools/add";
export const KEY = "parity-key";

/** A case of every status the route answers. */
export const EVERY_STATUS: Case[] = [
  { path: ADD, body: '{"a":1,"b":2}' },
  { path: `${ADD}?view=data`, body: '{"a":1,"b":2}' },
  { path: `${ADD}?x=1&view=data&view=full`, body: '{"a":1,"b":2}' },
  { path: "/v1/servers/test/tools/fail" },
  { path: "/v1/servers/test/tools/fail?view=data" },
  { path: ADD, body: '{"a":1,"b":2}', headers: { "x-request-id": "trace-0042" } },
  { path: ADD, body: '{"a":1,"b":2}', headers: { "x-request-id": "not valid!" } },
  { path: "/v1/servers/fake/tools/ok", headers: { "x-mcp-timeout-ms": "1234" } },
  { path: "/v1/servers/fake/tools/ok", headers: { "x-mcp-timeout-ms": "-5" } },
  { path: "/v1/servers/fake/tools/ok", headers: { "x-mcp-max-timeout-ms": "250" } },
  { path: "/v1/servers/fake/tools/ok", headers: { "x-mcp-max-timeout-ms": "soon" } },
  { path: "/v1/servers/fake/tools/ok", body: "" },
  { path: "/v1/servers/fake/tools/ok", headers: { "content-type": "application/vnd.x+json" } },
  { path: ADD, body: "{" },
  { path: ADD, body: "[1,2]" },
  { path: ADD, body: "null" },
  { path: ADD, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) },
  { path: ADD, body: `{"pad":"${"x".repeat(2_000)}"}` },
  { path: ADD, body: "a=1", headers: { "content-type": "application/x-www-form-urlencoded" } },
  { path: ADD, body: "{}", headers: { "content-type": "text/plain" } },
  { path: "/v1/servers/nope/tools/add" },
  { path: "/v1/servers/test/tools/nope" },
  { path: ADD, body: '{"a":"one","b":2}' },
  { path: ADD, body: '{"a":1,"b":5000}' },
  { path: "/v1/servers/down/tools/ok" },
  { path: "/v1/servers/fake/tools/timeout" },
  { path: "/v1/servers/fake/tools/rpc" },
  { path: "/v1/servers/fake/tools/missing" },
  { path: "/v1/servers/fake/tools/boom" },
  { path: ADD, headers: { host: "attacker.example" } },
  { path: ADD, body: '{"a":1,"b":2}', headers: { host: "127.0.0.1:60123" } },
  { path: ADD, headers: { origin: "http://attacker.example" } },
  { path: ADD, body: '{"a":1,"b":2}', headers: { origin: "http://127.0.0.1:5173" } },
  { path: "/v1/servers/fake/tools/drop" },
  { path: "/v1/servers/fake/tools/ok" },
];

/** Cases of API key checks (the app has the key KEY). */
export const KEY_CASES: Case[] = [
  { path: ADD, body: '{"a":1,"b":2}' },
  { path: ADD, body: '{"a":1,"b":2}', headers: { authorization: "Bearer wrong" } },
  { path: ADD, body: '{"a":1,"b":2}', headers: { authorization: `Bearer ${KEY}` } },
  { path: ADD, body: '{"a":1,"b":2}', headers: { authorization: `Basic ${btoa(`u:${KEY}`)}` } },
  { path: ADD, headers: { authorization: `Bearer ${KEY}`, host: "evil.example" } },
  { path: "/v1/servers/nope/tools/add" },
  { path: "/v1/servers/nope/tools/add", headers: { authorization: `Bearer ${KEY}` } },
];

/** Cases the fast paths leave to the Hono app. */
export const PASSED: Case[] = [
  { path: "/v1/servers/test/tools" },
  { path: `${ADD}/` },
  { path: "/v1/servers/te%73t/tools/add" },
  { path: ADD, headers: { accept: "text/event-stream" } },
  { path: `${ADD}?mode=task` },
  { path: ADD, headers: { prefer: "respond-async" } },
];

/** What sends cases through one app's fast path; `undefined` when the fast path did not take one. */
export interface FastPath {
  send(c: Case): Promise<Answer | undefined>;
  close(): Promise<void>;
}

/** Opens a runtime's fast path on an app (its gate is `gateOf(app)`). */
export type OpenFastPath = (app: RestApp) => Promise<FastPath>;

const BASE = "http://127.0.0.1:8787";

/** A case as a web Request, with the Host a server would see (unless the case sets its own). */
export function requestOf(c: Case): Request {
  const { method, headers, body } = init(c);
  return new Request(`${BASE}${c.path}`, {
    method,
    headers: { host: "127.0.0.1:8787", ...headers },
    body,
  });
}

/** The compared parts of a web Response. */
export async function answerOf(res: Response): Promise<Answer> {
  return {
    status: res.status,
    headers: headersOf((n) => res.headers.get(n)),
    body: await res.text(),
  };
}

/** Sends the cases through the fast path and through `app.request()`, each to its own app. */
async function compare(
  open: OpenFastPath,
  options: RestAppOptions,
  cases: Case[],
): Promise<Map<number, number>> {
  const fastApp = makeApp(options);
  const honoApp = makeApp(options);
  const statuses = new Map<number, number>();
  let fastPath: FastPath | undefined;
  try {
    await Promise.all([fastApp.ready(), honoApp.ready()]);
    fastPath = await open(fastApp);
    for (const c of cases) {
      const fast = await fastPath.send(c);
      assert.ok(fast, `the fast path did not take ${c.path} ${JSON.stringify(c.headers ?? {})}`);
      expectSame(fast, await answerOf(await honoApp.request(requestOf(c))), c);
      statuses.set(fast.status, (statuses.get(fast.status) ?? 0) + 1);
    }
  } finally {
    await fastPath?.close();
    await Promise.all([fastApp.close(), honoApp.close()]);
  }
  return statuses;
}

const ORIGIN = "https://app.example";

/**
 * The parity tests of a fast path: every status, API keys and CORS headers answered exactly as
 * the Hono route answers them. Call inside the runtime's `describe`.
 */
export function parityTests(open: OpenFastPath): void {
  it("answers every status of the route exactly as the Hono route does", async () => {
    const statuses = await compare(open, {}, EVERY_STATUS);
    for (const status of [200, 400, 403, 404, 413, 415, 422, 500, 502, 503, 504]) {
      assert.ok(statuses.has(status), `no case answered ${status}`);
    }
  });

  it("checks API keys exactly as the Hono route does", async () => {
    const statuses = await compare(open, { apiKeys: [KEY] }, KEY_CASES);
    assert.deepEqual([...statuses.keys()].sort(), [200, 401, 403, 404]);
  });

  it("adds the same CORS headers as the Hono route, with an Origin or without", async () => {
    await compare(open, { cors: { origin: [ORIGIN], credentials: true } }, [
      { path: ADD, body: '{"a":1,"b":2}', headers: { origin: ORIGIN } },
      { path: `${ADD}?view=data`, body: '{"a":1,"b":2}', headers: { origin: ORIGIN } },
      { path: "/v1/servers/test/tools/nope", headers: { origin: ORIGIN } },
      { path: ADD, body: '{"a":1,"b":2}' },
      { path: ADD, headers: { origin: "https://other.example" } },
    ]);
    await compare(open, { cors: { origin: "*" } }, [
      { path: ADD, body: '{"a":1,"b":2}', headers: { origin: ORIGIN } },
      { path: ADD, body: "{", headers: { origin: ORIGIN } },
      { path: ADD, body: '{"a":1,"b":2}' },
    ]);
  });
}
