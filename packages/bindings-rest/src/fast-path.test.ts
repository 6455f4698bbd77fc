import assert from "node:assert/strict";
import { createServer, request as httpRequest } from "node:http";
import { describe, it } from "node:test";
import { createNodeHandler } from "./_fast-path.ts";
import { gateOf } from "./_gate.ts";
import {
  ADD,
  type Answer,
  type Case,
  EVERY_STATUS,
  expectSame,
  headersOf,
  init,
  KEY,
  KEY_CASES,
  makeApp,
} from "./_test_fast_path.ts";
import type { RestAppOptions } from "./app.ts";

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

describe("the fast path of POST …/tools/{tool} on node:http", () => {
  it("answers every status of the route exactly as the Hono route does", async () => {
    const statuses = await compare({}, EVERY_STATUS);
    for (const status of [200, 400, 403, 404, 413, 415, 422, 500, 502, 503, 504]) {
      assert.ok(statuses.has(status), `no case answered ${status}`);
    }
  });

  it("checks API keys exactly as the Hono route does", async () => {
    const statuses = await compare({ apiKeys: [KEY] }, KEY_CASES);
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
