import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createServer } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { createNodeHandler } from "./_fast-path.ts";
import { gateOf } from "./_gate.ts";
import {
  assertSpread,
  badRequests,
  checkAnswer,
  GOOD_CALL,
  KEY,
  send,
  TOOL_CALLS,
} from "./_test_bad_requests.ts";
import { inMemoryApp } from "./_test_helpers.ts";

describe("bad input over HTTP", () => {
  it("answers them and 1,000 bad tool calls alike over HTTP, through the fast path on node:http", async () => {
    const { app } = inMemoryApp({ apiKeys: [KEY], bodyLimit: 64 * 1024 });
    // What serve() runs on Node: the fast path first, then the Hono app.
    const fast = createNodeHandler(gateOf(app)!);
    // Without replacing the global Request and Response, which other test files (on Bun, in the
    // same process) still use with Bun.serve.
    const rest = getRequestListener((req, env) => app.fetch(req, env), {
      overrideGlobalObjects: false,
    });
    let taken = 0;
    const server = createServer((req, res) => {
      if (fast(req, res)) taken++;
      else void rest(req, res);
    });
    const statuses = new Map<number, number>();
    let sent = 0;
    try {
      await app.ready();
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const port = (server.address() as { port: number }).port;
      for (const r of [...badRequests(), ...badRequests(0x7001, 1_000, TOOL_CALLS, ["POST"])]) {
        let res;
        try {
          res = await send(port, r);
        } catch (err) {
          // node:http refused to send it (a character it does not put in a path or header).
          if (err instanceof TypeError) continue;
          throw err;
        }
        sent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        checkAnswer(r, res.status, res.type, r.method === "HEAD" ? undefined : res.body);
      }
      assertSpread(statuses, sent);
      // Tool calls asking for JSON (not a stream, nor an Accept that allows neither) take it.
      assert.ok(taken >= 200, `only ${taken} requests took the fast path`);
      const good = { path: "/v1/servers/test/tools/add", ...GOOD_CALL };
      assert.equal((await send(port, good)).status, 200, "still serving after the run");
    } finally {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
      await app.close();
    }
  });
});
