import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Client } from "@mcpwire/core";
import { testServer } from "../test/fixtures/servers.ts";
import { checkAnswers } from "./_test_contract.ts";
import { post, problemOf, type Requester, servedAt } from "./_test_helpers.ts";
import { createRestApp, type RestApp } from "./app.ts";
import { serve } from "./serve.ts";
import { Upstreams } from "./upstreams.ts";

/** An app over the test server whose client restarts a call's timeout at each progress. */
function resettingApp(): RestApp {
  const upstreams = new Upstreams();
  upstreams.add("test", new Client(testServer(), { resetTimeoutOnProgress: true }), {
    required: true,
    transport: "in-memory",
  });
  return checkAnswers(createRestApp(upstreams, { apiKeys: [] }));
}

// Eight steps 400 ms apart take 3.2 s, past the 3 s timeout: only progress restarting the timeout
// lets the call end, and a 1 s maximum does not move.
const SLOW = { steps: 8, delayMs: 400 };
const STREAM = { accept: "text/event-stream", "x-mcp-timeout-ms": "3000" };

/** The streamed events of a slow call, by name, with the error event's problem if any. */
async function streamed(app: Requester, headers: Record<string, string>) {
  const res = await post(app, "/v1/servers/test/tools/slow", SLOW, { ...STREAM, ...headers });
  assert.equal(res.status, 200);
  const text = await res.text();
  const events = [...text.matchAll(/^event: (.*)$/gm)].map((m) => m[1]);
  const error = /^event: error\ndata: (.*)$/m.exec(text)?.[1];
  return { events, error: error ? JSON.parse(error) : undefined };
}

describe("X-MCP-Max-Timeout-Ms", () => {
  it("ends a streamed call at the maximum though progress restarts its timeout", async () => {
    await using app = resettingApp();
    const capped = await streamed(app, { "x-mcp-max-timeout-ms": "1000" });
    assert.ok(capped.events.includes("progress"), capped.events.join());
    assert.equal(capped.events.at(-1), "error");
    assert.ok(!capped.events.includes("result"));
    assert.equal(capped.error.code, "upstream_timeout");
    assert.match(capped.error.detail, /timed out after 1000 ms/);
    // Without the maximum the same call runs to its end.
    const plain = await streamed(app, {});
    assert.equal(plain.events.at(-1), "result");
  });

  it("answers a JSON call past its maximum with the timeout problem, served or not", async () => {
    await using app = resettingApp();
    await using server = await serve(app, { port: 0 });
    // A served JSON call takes the runtime's fast path; app.request() the Hono route.
    for (const via of [servedAt(server.url), app]) {
      const res = await post(via, "/v1/servers/test/tools/slow", { steps: 1, delayMs: 5_000 }, {
        "x-mcp-max-timeout-ms": "300",
      });
      assert.equal(res.status, 504);
      const problem = await problemOf(res);
      assert.equal(problem.code, "upstream_timeout");
      assert.match(String(problem.detail), /timed out after 300 ms/);
    }
  });

  it("refuses a malformed value with a 400 naming the header, on every path", async () => {
    await using app = resettingApp();
    await using server = await serve(app, { port: 0 });
    for (const via of [servedAt(server.url), app]) {
      for (const value of ["soon", "0", "-1", "86400001", "1e3"]) {
        const res = await post(via, "/v1/servers/test/tools/add", { a: 1, b: 2 }, {
          "x-mcp-max-timeout-ms": value,
        });
        assert.equal(res.status, 400, value);
        const problem = await problemOf(res);
        assert.equal(problem.code, "invalid_header");
        assert.equal(problem.header, "X-MCP-Max-Timeout-Ms");
        assert.match(String(problem.detail), /X-MCP-Max-Timeout-Ms must be an integer/);
      }
      const ok = await post(via, "/v1/servers/test/tools/add", { a: 1, b: 2 }, {
        "x-mcp-max-timeout-ms": "60000",
      });
      assert.equal(ok.status, 200);
      await ok.body?.cancel();
    }
  });
});
