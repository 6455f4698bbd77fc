import assert from "node:assert/strict";
import { createServer, request as httpRequest } from "node:http";
import { describe, it } from "node:test";
import { createNodeHandler } from "./_fast-path.ts";
import { gateOf } from "./_gate.ts";
import {
  ADD,
  type Answer,
  type Case,
  headersOf,
  init,
  makeApp,
  type OpenFastPath,
  parityTests,
} from "./_test_fast_path.ts";

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

/** The app's fast path on a node:http server of its own, answering 599 for what it leaves. */
const overNodeHttp: OpenFastPath = async (app) => {
  const handler = createNodeHandler(gateOf(app)!);
  const server = createServer((req, res) => {
    if (!handler(req, res)) res.writeHead(599).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    send: async (c) => {
      const answer = await overHttp(port, c);
      return answer.status === 599 ? undefined : answer;
    },
    close: async () => {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};

describe("the fast path of POST …/tools/{tool} on node:http", () => {
  parityTests(overNodeHttp);

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
        { path: ADD, headers: { host: "127.0.0.1:65536" } },
        { path: ADD, headers: { host: "127.0.0.1:0080" } },
      ];
      for (const c of passed) {
        assert.equal((await overHttp(port, c)).status, 599, `${c.path} ${c.headers?.host}`);
      }
      // every port a system may hand out for port 0 (on Linux up to 60999), and the others
      for (const host of [undefined, "127.0.0.1:80", "127.0.0.1:60123", "localhost:65535"]) {
        const c: Case = { path: ADD, body: '{"a":1,"b":2}', ...(host && { headers: { host } }) };
        assert.equal((await overHttp(port, c)).status, 200, host);
      }
      assert.deepEqual(taken, Array(4).fill(`POST ${ADD}`));
    } finally {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
      await app.close();
    }
  });
});
