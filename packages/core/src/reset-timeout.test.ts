import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client, TimeoutError } from "./mod.ts";
import { ScriptedServer, type SentRequest } from "../test/fixtures/scripted-server.ts";

const TEXT = (text: string) => ({ content: [{ type: "text", text }] });

/**
 * A server whose tools/call reports progress every `every` ms, `ticks` times, then answers (or,
 * with `ticks: Infinity`, reports until the call is cancelled). The gaps between reports are far
 * below the timeouts used here and the whole run far above them, so only the option decides.
 */
function progressing(every: number, ticks: number): ScriptedServer {
  const server = new ScriptedServer();
  server.onRequest = (r: SentRequest) => {
    const token = (r.params?._meta as { progressToken?: string } | undefined)?.progressToken;
    let sent = 0;
    const timer = setInterval(() => {
      const cancelled = server.notifications("notifications/cancelled")
        .some((n) => (n.params as { requestId: unknown }).requestId === r.id);
      if (cancelled) return clearInterval(timer);
      if (sent++ < ticks) {
        server.push({
          method: "notifications/progress",
          params: { progressToken: token, progress: sent },
        });
        return;
      }
      clearInterval(timer);
      server.reply(r.id, TEXT("done"));
    }, every);
  };
  return server;
}

describe("resetTimeoutOnProgress", () => {
  it("per call: each progress report restarts the timeout, so a long call completes", async () => {
    const server = progressing(150, 5);
    await using client = await new Client(server, { initTimeout: 5_000 }).connect();
    const seen: number[] = [];
    const result = await client.callTool("echo", {}, {
      timeout: 400,
      resetTimeoutOnProgress: true,
      onProgress: (p) => void seen.push(p),
    });
    assert.deepEqual(result.content, [{ type: "text", text: "done" }]);
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
  });

  it("without it the same call times out after its timeout, progress or not", async () => {
    const server = progressing(150, 5);
    await using client = await new Client(server, { initTimeout: 5_000 }).connect();
    await assert.rejects(
      client.callTool("echo", {}, { timeout: 400, onProgress: () => {} }),
      (err) => err instanceof TimeoutError && err.timeoutMs === 400,
    );
  });

  it("client-wide: the option applies to every call, and a call may turn it off", async () => {
    const server = progressing(150, 5);
    await using client = await new Client(server, {
      initTimeout: 5_000,
      timeout: 400,
      resetTimeoutOnProgress: true,
      progressHandler: () => {},
    }).connect();
    const result = await client.callTool("echo");
    assert.deepEqual(result.content, [{ type: "text", text: "done" }]);
    await assert.rejects(
      client.callTool("echo", {}, { resetTimeoutOnProgress: false }),
      (err) => err instanceof TimeoutError,
    );
  });

  it("maxTotalTimeout cuts off a call that keeps reporting, cancels it and names the limit", async () => {
    const server = progressing(50, Infinity);
    await using client = await new Client(server, { initTimeout: 5_000 }).connect();
    await assert.rejects(
      client.callTool("echo", {}, {
        timeout: 2_000,
        resetTimeoutOnProgress: true,
        maxTotalTimeout: 300,
        onProgress: () => {},
      }),
      (err) => {
        assert.ok(err instanceof TimeoutError);
        assert.equal(err.timeoutMs, 300);
        assert.match(err.message, /tools\/call 'echo' on server 'scripted' timed out after 300 ms/);
        return true;
      },
    );
    const [call] = server.requests("tools/call");
    const cancels = server.notifications("notifications/cancelled");
    assert.ok(cancels.some((n) => (n.params as { requestId: unknown }).requestId === call?.id));
  });
});
