import assert from "node:assert/strict";
import { describe, it } from "node:test";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { runtimeArgs, waitFor } from "@mcpwire/testing";
import { inMemoryApp, post, problemOf } from "./_test_helpers.ts";
import { createRestApp } from "./app.ts";
import { serve } from "./serve.ts";
import { BACKOFF_MS } from "./upstreams.ts";

const HANG = fileURLToPath(new URL("../test/fixtures/hang-server.ts", import.meta.url));

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

describe("the gateway under bad input and upstream faults", () => {
  it("refuses a body nested deeper than maxDepth with 400 before anything is forwarded", async () => {
    const { app, observed } = inMemoryApp({ maxDepth: 8 });
    await using server = await serve(app, { port: 0 });
    const cases = [
      ["/v1/servers/test/tools/add", `{"a":${nested(5_000)}}`],
      ["/v1/servers/test/prompts/greet", `{"name":${nested(5_000)}}`],
      ["/v1/servers/test/complete", `{"ref":${nested(9)}}`],
    ];
    for (const base of [server.url, ""]) {
      for (const [path, body] of cases) {
        const res = base
          ? await fetch(base + path!, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body,
          })
          : await post(app, path!, body!);
        assert.equal(res.status, 400, `${base} ${path}`);
        const problem = await problemOf(res);
        assert.equal(problem.code, "body_too_deep");
        assert.equal(problem.limit, 8);
      }
    }
    // Brackets inside strings are not nesting, and the limit itself is allowed.
    const ok = await post(app, "/v1/servers/echo/tools/echo", { text: "[[[[[[[[[[[[[[[[[[[[" });
    assert.equal(ok.status, 200);
    await ok.body?.cancel();
    const atLimit = await post(app, "/v1/servers/test/tools/add", `{"a":${nested(7)}}`);
    assert.equal(atLimit.status, 422);
    await atLimit.body?.cancel();
    assert.equal(observed.calls, 0);
    const add = await post(app, "/v1/servers/test/tools/add", { a: 1, b: 2 });
    assert.equal(add.status, 200, "the server is still connected");
    await add.body?.cancel();
  });

  it("reconnects a killed upstream after a short first back-off step, with calls in flight", async () => {
    assert.ok(BACKOFF_MS[0]! <= 250, "the first step is short");
    const app = createRestApp({
      mcpServers: { h: { command: process.execPath, args: runtimeArgs(HANG) } },
    }, { apiKeys: [] });
    await using server = await serve(app, { port: 0 });
    const call = (tool: string, args: object = {}) =>
      fetch(`${server.url}/v1/servers/h/tools/${tool}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(args),
      });
    const pidRes = await call("pid");
    const pid = Number((await pidRes.json()).content[0].text);
    const inFlight = Array.from({ length: 8 }, () => call("hang"));
    // The calls have reached the server when it answers one sent after them.
    await (await call("hang", { ms: 0 })).arrayBuffer();
    const killedAt = Date.now();
    process.kill(pid, "SIGKILL");
    for (const res of await Promise.all(inFlight)) {
      assert.equal(res.status, 502);
      assert.equal((await problemOf(res)).code, "upstream_disconnected");
    }
    // Eight failed requests are one lost connection: the next attempt is the first step (200 ms),
    // not the eighth (30 s). The attempt starts within a few seconds even on a loaded machine;
    // how long the new process then takes to start is up to the machine.
    let retryAfter = 0;
    await waitFor(
      async () => {
        const res = await call("add", { a: 1, b: 2 });
        if (res.status === 503) {
          retryAfter = Math.max(retryAfter, Number(res.headers.get("retry-after")));
        }
        const state = res.status === 200
          ? "connected"
          : (await (await fetch(`${server.url}/v1/servers/h`)).json()).state;
        await res.body?.cancel();
        return state === "connecting" || state === "connected";
      },
      "a reconnect attempt starts",
      10_000,
    );
    assert.ok(Date.now() - killedAt < 10_000);
    assert.ok(retryAfter <= 1, `Retry-After was ${retryAfter}`);
    await waitFor(
      async () => {
        const res = await call("add", { a: 1, b: 2 });
        await res.body?.cancel();
        return res.status === 200;
      },
      "the upstream serves again",
      60_000,
    );
    const described = await (await fetch(`${server.url}/v1/servers/h`)).json();
    assert.equal(described.state, "connected");
  });
});
