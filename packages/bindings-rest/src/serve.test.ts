import assert from "node:assert/strict";
import { request } from "node:http";
import { describe, it } from "node:test";
import { waitFor } from "@mcpwire/testing";
import { inMemoryApp, problemOf } from "./_test_helpers.ts";
import { serve } from "./serve.ts";

interface SseEvent {
  event: string;
  data: unknown;
}

/** Reads SSE events (and ping comments) from a response until `stop` says so or the stream ends. */
async function readEvents(
  res: Response,
  stop: (events: SseEvent[], pings: number) => boolean = () => false,
): Promise<{ events: SseEvent[]; pings: number }> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: SseEvent[] = [];
  let pings = 0;
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      if (block.startsWith(":")) pings++;
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data !== undefined) events.push({ event, data: JSON.parse(data) });
    }
    if (stop(events, pings)) {
      await reader.cancel();
      break;
    }
  }
  return { events, pings };
}

describe("serve() on a real loopback port", () => {
  it("answers calls over HTTP", async () => {
    const { app } = inMemoryApp();
    await using server = await serve(app, { port: 0 });
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/v1/servers/test/tools/add`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ a: 40, b: 2 }),
    });
    assert.equal(res.status, 200);
    assert.deepEqual((await res.json()).data, { sum: 42 });
    const missing = await fetch(`${server.url}/v1/servers/nope`);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get("content-type"), "application/problem+json");
    await missing.body?.cancel();
  });

  it("streams progress, log and result events with pings", async () => {
    const { app } = inMemoryApp({ pingIntervalMs: 15 });
    await using server = await serve(app, { port: 0 });
    const res = await fetch(`${server.url}/v1/servers/test/tools/slow`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ steps: 3, delayMs: 40 }),
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/event-stream/);
    const { events, pings } = await readEvents(res);
    const names = events.map((e) => e.event);
    assert.deepEqual(names.filter((n) => n === "progress").length, 3);
    assert.ok(names.includes("log"));
    assert.equal(names.at(-1), "result");
    assert.deepEqual(events.find((e) => e.event === "progress")!.data, {
      progress: 1,
      total: 3,
      message: "step 1",
    });
    assert.equal(
      (events.at(-1)!.data as { content: { text: string }[] }).content[0]!.text,
      "done 3",
    );
    assert.ok(pings > 0, "keep-alive pings were sent");
  });

  it("answers 422, not a stream, when the arguments are invalid", async () => {
    const { app } = inMemoryApp();
    await using server = await serve(app, { port: 0 });
    const res = await fetch(`${server.url}/v1/servers/test/tools/add`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ a: "not a number", b: 1 }),
    });
    assert.equal(res.status, 422);
    assert.equal((await problemOf(res)).code, "invalid_arguments");
  });

  it("streams an error event when the call fails after it started", async () => {
    const { app } = inMemoryApp();
    await using server = await serve(app, { port: 0 });
    const res = await fetch(`${server.url}/v1/servers/test/tools/slow`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "text/event-stream",
        "x-mcp-timeout-ms": "2000",
      },
      body: JSON.stringify({ steps: 50, delayMs: 50 }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/event-stream; charset=utf-8");
    const { events } = await readEvents(res);
    assert.equal(events[0]!.event, "log");
    assert.ok(events.some((e) => e.event === "progress"));
    assert.equal(events.at(-1)!.event, "error");
    assert.equal((events.at(-1)!.data as { status: number }).status, 504);
  });

  it("cancels the call upstream when the client disconnects", async () => {
    const { app, observed } = inMemoryApp();
    await using server = await serve(app, { port: 0 });
    const controller = new AbortController();
    const res = await fetch(`${server.url}/v1/servers/test/tools/slow`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ steps: 50, delayMs: 100 }),
      signal: controller.signal,
    });
    await readEvents(res, (events) => events.some((e) => e.event === "progress"));
    controller.abort();
    await waitFor(() => observed.cancelled.length === 1, "the server seeing the cancel", 5_000);
  });

  it("cancels a plain JSON call upstream when the client disconnects", async () => {
    const { app, observed } = inMemoryApp();
    await using server = await serve(app, { port: 0 });
    const controller = new AbortController();
    const pending = fetch(`${server.url}/v1/servers/test/tools/slow`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ steps: 50, delayMs: 100 }),
      signal: controller.signal,
    }).catch((err: Error) => err);
    await new Promise((r) => setTimeout(r, 300));
    controller.abort();
    assert.ok(await pending instanceof Error);
    await waitFor(() => observed.cancelled.length === 1, "the server seeing the cancel", 5_000);
  });

  it("checks keys, and Host and Origin against DNS rebinding, over the wire", async () => {
    const { app } = inMemoryApp({ apiKeys: ["wire-key"] });
    await using server = await serve(app, { port: 0 });
    const get = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${server.url}/v1/servers`, { headers }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
        req.end();
      });
    const auth = { authorization: "Bearer wire-key" };
    assert.equal(await get({}), 401);
    assert.equal(await get(auth), 200);
    assert.equal(await get({ ...auth, host: "attacker.example" }), 403);
    assert.equal(await get({ ...auth, origin: "http://attacker.example" }), 403);
    assert.equal(
      await get({ ...auth, host: "localhost:1234", origin: "http://127.0.0.1:5173" }),
      200,
    );
  });

  it("refuses a non-loopback address without API keys", async () => {
    const { app } = inMemoryApp({ hostname: "0.0.0.0" });
    try {
      await assert.rejects(serve(app, { port: 0 }), /refusing to serve on 0\.0\.0\.0/);
    } finally {
      await app.close();
    }
  });
});
