// The page's view of the playground's liveness and of each server's state: the event stream's
// hello and heartbeat, streams ended on close, and a crashed server's restart counted.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { createPlayground, type Playground } from "./playground.ts";
import { events } from "./_test_sse.ts";
import { runtimeArgs } from "@mcpwire/testing";

const BASE = "http://127.0.0.1:5173";
const CRASHY = fileURLToPath(new URL("../test/fixtures/crashy-stdio.ts", import.meta.url));

const get = (p: Playground, path: string) => p.fetch(new Request(BASE + path));

interface State {
  name: string;
  state: string;
  restarts: number;
  connects: number;
  lastFailure: { message: string } | null;
}

describe("playground liveness and server state", () => {
  it("says hello with its heartbeat interval, beats, and ends the streams on disconnectPages()", async () => {
    await using p = createPlayground({ heartbeatMs: 40 });
    const stream = events(await get(p, "/playground/events"));
    try {
      const hello = await stream.next("hello") as { heartbeatMs: number; instance: string };
      assert.equal(hello.heartbeatMs, 40);
      assert.match(hello.instance, /^[0-9a-f-]{36}$/);
      assert.equal(typeof (await stream.next("heartbeat") as { at: number }).at, "number");
      p.disconnectPages();
      await assert.rejects(stream.next("never"), /the stream ended/);
    } finally {
      await stream.close();
    }
  });

  it("counts a crashed stdio server's restart and keeps its last failure", async () => {
    await using p = createPlayground({
      demo: false,
      config: {
        mcpServers: { flaky: { command: process.execPath, args: runtimeArgs(CRASHY) } },
      },
    });
    const stream = events(await get(p, "/playground/events"));
    const logs = events(await get(p, "/playground/events"));
    try {
      const isFlaky = (want: (s: State) => boolean) => (list: unknown) =>
        (list as State[]).some((s) => s.name === "flaky" && want(s));
      await stream.next("servers", 60_000, isFlaky((s) => s.state === "connected"));
      // The server's stderr line went to the log (read on a stream of its own: the one above
      // skips the events it does not wait for).
      const stderr = await logs.next(
        "log",
        60_000,
        (l) => (l as { level: string }).level === "stderr",
      );
      assert.deepEqual(stderr, { server: "flaky", level: "stderr", data: "crashy-stdio: started" });
      const crash = await p.fetch(
        new Request(`${BASE}/v1/servers/flaky/tools/crash`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        }),
      );
      assert.ok(crash.status >= 500, `a crashed call answers 5xx, got ${crash.status}`);
      await crash.body?.cancel();
      const list = await stream.next(
        "servers",
        60_000,
        isFlaky((s) => s.state === "connected" && s.restarts === 1),
      ) as State[];
      const flaky = list.find((s) => s.name === "flaky")!;
      assert.equal(flaky.connects, 2);
      assert.ok(flaky.lastFailure && flaky.lastFailure.message.length > 0);
    } finally {
      await logs.close();
      await stream.close();
    }
  });
});
