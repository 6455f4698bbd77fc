import assert from "node:assert/strict";
import { createServer, request as httpRequest } from "node:http";
import { describe, it } from "node:test";
import { Client, ConnectionError, McpError, TimeoutError } from "@mcpwire/core";
import { testServer } from "../test/fixtures/servers.ts";
import { createNodeHandler } from "./_fast-path.ts";
import { gateOf } from "./_gate.ts";
import { createRestApp, type RestAppOptions } from "./app.ts";
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
      const data = { args, timeout: options.timeout };
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

function makeApp(options: RestAppOptions) {
  const upstreams = new Upstreams();
  upstreams.add("test", new Client(testServer()));
  upstreams.add("fake", fakeClient(true));
  upstreams.add("down", fakeClient(false));
  return createRestApp(upstreams, { onInternalError: () => {}, bodyLimit: 1024, ...options });
}

interface Case {
  path: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

interface Answer {
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

function headersOf(get: (name: string) => string | null | undefined) {
  return Object.fromEntries(
    [...COMPARED, "x-request-id"].map((name) => [name, get(name) ?? undefined]),
  );
}

function init(c: Case): { method: string; headers: Record<string, string>; body: BodyInit } {
  return {
    method: "POST",
    headers: { "content-type": "application/json", ...c.headers },
    body: (c.body ?? "{}") as BodyInit,
  };
}

/** Sends a case to a node:http server: 599 means the fast path did not take it. */
function overHttp(port: number, c: Case): Promise<Answer> {
  const { method, headers, body } = init(c);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path: c.path, method, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode!,
          headers: headersOf((name) => res.headers[name] as string | undefined),
          body: text,
        }));
    });
    req.on("error", reject);
    req.end(body as string | Uint8Array);
  });
}

function expectSame(fast: Answer, app: Answer, c: Case): void {
  const label = `${c.path} ${JSON.stringify(c.headers ?? {})} ${String(c.body).slice(0, 40)}`;
  assert.notEqual(fast.status, 599, `the fast path did not take ${label}`);
  assert.equal(fast.status, app.status, label);
  const given = c.headers?.["x-request-id"];
  for (const answer of [fast, app]) {
    const id = answer.headers["x-request-id"];
    if (given === "trace-0042") assert.equal(id, given, label);
    else assert.match(id ?? "", /^[0-9a-f-]{36}$/, label);
  }
  const { "x-request-id": _a, ...fastHeaders } = fast.headers;
  const { "x-request-id": _b, ...appHeaders } = app.headers;
  assert.deepEqual(fastHeaders, appHeaders, label);
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

/** Sends the cases through the fast path and through `app.request()`, each to its own app. */
async function compare(options: RestAppOptions, cases: Case[]): Promise<Map<number, number>> {
  const fastApp = makeApp(options);
  const honoApp = makeApp(options);
  const statuses = new Map<number, number>();
  await Promise.all([fastApp.ready(), honoApp.ready()]);
  const handler = createNodeHandler(gateOf(fastApp)!);
  const server = createServer((req, res) => {
    if (!handler(req, res)) res.writeHead(599).end();
  });
  try {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    for (const c of cases) {
      const fast = await overHttp(port, c);
      const res = await honoApp.request(c.path, init(c));
      const app = { status: res.status, headers: headersOf((n) => res.headers.get(n)), body: "" };
      app.body = await res.text();
      expectSame(fast, app, c);
      statuses.set(fast.status, (statuses.get(fast.status) ?? 0) + 1);
    }
  } finally {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
    await Promise.all([fastApp.close(), honoApp.close()]);
  }
  return statuses;
}

const ADD = "/v1/servers/test/tools/add";
const KEY = "parity-key";

describe("the fast path of POST …/tools/{tool} on node:http", () => {
  it("answers every status of the route exactly as the Hono route does", async () => {
    const statuses = await compare({}, [
      { path: ADD, body: '{"a":1,"b":2}' },
      { path: `${ADD}?view=data`, body: '{"a":1,"b":2}' },
      { path: `${ADD}?x=1&view=data&view=full`, body: '{"a":1,"b":2}' },
      { path: "/v1/servers/test/tools/fail" },
      { path: "/v1/servers/test/tools/fail?view=data" },
      { path: ADD, body: '{"a":1,"b":2}', headers: { "x-request-id": "trace-0042" } },
      { path: ADD, body: '{"a":1,"b":2}', headers: { "x-request-id": "not valid!" } },
      { path: "/v1/servers/fake/tools/ok", headers: { "x-mcp-timeout-ms": "1234" } },
      { path: "/v1/servers/fake/tools/ok", headers: { "x-mcp-timeout-ms": "-5" } },
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
      { path: ADD, headers: { origin: "http://attacker.example" } },
      { path: ADD, body: '{"a":1,"b":2}', headers: { origin: "http://127.0.0.1:5173" } },
      { path: "/v1/servers/fake/tools/drop" },
      { path: "/v1/servers/fake/tools/ok" },
    ]);
    for (const status of [200, 400, 403, 404, 413, 415, 422, 500, 502, 503, 504]) {
      assert.ok(statuses.has(status), `no case answered ${status}`);
    }
  });

  it("checks API keys exactly as the Hono route does", async () => {
    const statuses = await compare({ apiKeys: [KEY] }, [
      { path: ADD, body: '{"a":1,"b":2}' },
      { path: ADD, body: '{"a":1,"b":2}', headers: { authorization: "Bearer wrong" } },
      { path: ADD, body: '{"a":1,"b":2}', headers: { authorization: `Bearer ${KEY}` } },
      { path: ADD, body: '{"a":1,"b":2}', headers: { authorization: `Basic ${btoa(`u:${KEY}`)}` } },
      { path: ADD, headers: { authorization: `Bearer ${KEY}`, host: "evil.example" } },
      { path: "/v1/servers/nope/tools/add" },
      { path: "/v1/servers/nope/tools/add", headers: { authorization: `Bearer ${KEY}` } },
    ]);
    assert.deepEqual([...statuses.keys()].sort(), [200, 401, 403, 404]);
  });

  it("adds the same CORS headers as the Hono route", async () => {
    const origin = "https://app.example";
    await compare({ cors: { origin: [origin], credentials: true } }, [
      { path: ADD, body: '{"a":1,"b":2}', headers: { origin } },
      { path: `${ADD}?view=data`, body: '{"a":1,"b":2}', headers: { origin } },
      { path: "/v1/servers/test/tools/nope", headers: { origin } },
      { path: ADD, body: '{"a":1,"b":2}' },
      { path: ADD, headers: { origin: "https://other.example" } },
    ]);
    await compare({ cors: { origin: "*" } }, [
      { path: ADD, body: '{"a":1,"b":2}', headers: { origin } },
      { path: ADD, body: "{", headers: { origin } },
    ]);
  });

  it("leaves other routes, event streams and encoded names to the Hono app", async () => {
    const app = makeApp({});
    const handler = createNodeHandler(gateOf(app)!);
    const taken: string[] = [];
    const server = createServer((req, res) => {
      if (handler(req, res)) taken.push(`${req.method} ${req.url}`);
      else res.writeHead(599).end();
    });
    try {
      await app.ready();
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const port = (server.address() as { port: number }).port;
      const passed: Case[] = [
        { path: "/v1/servers/test/tools" },
        { path: `${ADD}/` },
        { path: "/v1/servers/te%73t/tools/add" },
        { path: "/v1/servers/test/tools/.." },
        { path: "/v1/servers/test/tools/%2e%2e" },
        { path: ADD, headers: { accept: "text/event-stream" } },
        { path: ADD, headers: { host: "LOCALHOST" } },
        { path: ADD, headers: { host: "[::1]:80" } },
      ];
      for (const c of passed) assert.equal((await overHttp(port, c)).status, 599, c.path);
      assert.equal((await overHttp(port, { path: ADD, body: '{"a":1,"b":2}' })).status, 200);
      assert.deepEqual(taken, [`POST ${ADD}`]);
    } finally {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
      await app.close();
    }
  });
});
