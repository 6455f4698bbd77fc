import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createPlayground, type Playground } from "./playground.ts";
import { events } from "./_test_sse.ts";

const BASE = "http://127.0.0.1:5173";

function get(p: Playground, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return p.fetch(new Request(BASE + path, { headers }));
}

function post(p: Playground, path: string, body: unknown): Promise<Response> {
  return p.fetch(
    new Request(BASE + path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

/**
 * Calls the demo's `slow_count` for six steps 300 ms apart (at least 1.8 s) as a stream of events,
 * with a 1 s `X-MCP-Timeout-Ms` and the `extra` headers.
 */
function slowCount(p: Playground, extra: Record<string, string> = {}): Promise<Response> {
  return p.fetch(
    new Request(BASE + "/v1/servers/demo/tools/slow_count", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "text/event-stream",
        "x-mcp-timeout-ms": "1000",
        ...extra,
      },
      body: JSON.stringify({ to: 6, delayMs: 300 }),
    }),
  );
}

describe("createPlayground()", () => {
  it("serves the page, the built UI and the REST binding", async () => {
    await using p = createPlayground({ demoOptions: { stepMs: 5 } });
    const page = await get(p, "/");
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-security-policy") ?? "", /script-src 'self'/);
    assert.match(await page.text(), /<script type="module" src="\/assets\/app.js">/);
    const js = await get(p, "/assets/app.js");
    assert.equal(js.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.ok((await js.text()).length > 1000);
    const css = await get(p, "/assets/app.css");
    assert.match(await css.text(), /\.progress/);
    const servers = await (await get(p, "/v1/servers")).json();
    assert.equal(servers.servers[0].name, "demo");
    assert.equal(servers.servers[0].state, "connected");
    const add = await post(p, "/v1/servers/demo/tools/add", { a: 1, b: 2 });
    assert.deepEqual((await add.json()).structuredContent, { sum: 3 });
  });

  it("refuses a foreign Host or Origin (DNS rebinding)", async () => {
    await using p = createPlayground();
    assert.equal((await get(p, "/", { host: "evil.example" })).status, 403);
    assert.equal(
      (await get(p, "/", { host: "127.0.0.1:5173", origin: "http://evil.example" })).status,
      403,
    );
    assert.equal((await get(p, "/", { host: "localhost:5173" })).status, 200);
    await using open = createPlayground({ hostname: "0.0.0.0", demo: false });
    assert.equal((await get(open, "/", { host: "192.0.2.7:5173" })).status, 200);
  });

  it("streams server state and log lines to the page", async () => {
    await using p = createPlayground({ demoOptions: { stepMs: 5 } });
    const stream = events(await get(p, "/playground/events"));
    try {
      const servers = await stream.next("servers") as { name: string }[];
      assert.deepEqual(servers.map((s) => s.name), ["demo"]);
      await post(p, "/v1/servers/demo/tools/slow_count", { to: 1 });
      assert.deepEqual(await stream.next("log"), {
        server: "demo",
        level: "info",
        logger: "slow_count",
        data: "step 1 of 1",
      });
    } finally {
      await stream.close();
    }
  });

  it("routes an elicitation to the page and its answer back to the server", async () => {
    await using p = createPlayground();
    const stream = events(await get(p, "/playground/events"));
    try {
      await stream.next("servers");
      const call = post(p, "/v1/servers/demo/tools/ask_name", {});
      const request = await stream.next("request") as { id: string; kind: string; message: string };
      assert.equal(request.kind, "elicitation");
      assert.equal(request.message, "What is your name?");
      const answered = await post(p, `/playground/requests/${request.id}`, {
        action: "accept",
        content: { name: "Ada" },
      });
      assert.equal(answered.status, 204);
      assert.deepEqual((await (await call).json()).content, [{
        type: "text",
        text: "Hello, Ada!",
      }]);
      assert.deepEqual(await stream.next("request-done"), { id: request.id });
      const again = await post(p, `/playground/requests/${request.id}`, { action: "cancel" });
      assert.equal(again.status, 404);
    } finally {
      await stream.close();
    }
  });

  it("answers a sampling request with the person's text, and refuses it with no page open", async () => {
    await using p = createPlayground();
    const refused = await post(p, "/v1/servers/demo/tools/summarize", { text: "x" });
    const body = await refused.json();
    assert.equal(body.isError, true);
    assert.match(JSON.stringify(body.content), /no playground page is open/);
    const stream = events(await get(p, "/playground/events"));
    try {
      await stream.next("servers");
      const call = post(p, "/v1/servers/demo/tools/summarize", { text: "a long text" });
      const request = await stream.next("request") as { id: string; kind: string };
      assert.equal(request.kind, "sampling");
      await post(p, `/playground/requests/${request.id}`, { action: "accept", text: "short" });
      assert.deepEqual((await (await call).json()).content, [
        { type: "text", text: "Summary (playground): short" },
      ]);
    } finally {
      await stream.close();
    }
  });

  it("subscribes to a resource and streams its updates", async () => {
    await using p = createPlayground({ demoOptions: { tickMs: 20 } });
    const stream = events(await get(p, "/playground/events"));
    const path = "/playground/servers/demo/subscriptions?uri=demo%3A%2F%2Fcounter";
    try {
      await stream.next("servers");
      assert.equal((await post(p, path, {})).status, 204);
      assert.deepEqual(await stream.next("resource-updated"), {
        server: "demo",
        uri: "demo://counter",
      });
      const off = await p.fetch(new Request(BASE + path, { method: "DELETE" }));
      assert.equal(off.status, 204);
    } finally {
      await stream.close();
    }
  });

  it("shows the servers of a config beside the demo server, with their state", async () => {
    await using p = createPlayground({
      config: { mcpServers: { broken: { command: "./no-such-command-here" } } },
      clientOptions: { initTimeout: 5_000 },
    });
    await p.ready();
    const { servers } = await (await get(p, "/v1/servers")).json();
    assert.deepEqual(servers.map((s: { name: string }) => s.name), ["demo", "broken"]);
    assert.equal(servers[1].state, "failed");
    assert.equal(servers[1].transport, "stdio");
    assert.ok(servers[1].lastError.message.length > 0);
  });

  it("pings a server, sets its log level, and refuses an unknown level", async () => {
    await using p = createPlayground();
    const ping = await post(p, "/playground/servers/demo/ping", {});
    assert.equal(ping.status, 200);
    assert.equal(typeof (await ping.json()).ms, "number");
    assert.equal(
      (await post(p, "/playground/servers/demo/log-level", { level: "debug" })).status,
      204,
    );
    const bad = await post(p, "/playground/servers/demo/log-level", { level: "loud" });
    assert.equal(bad.status, 400);
    assert.match((await bad.json()).error, /must be one of debug/);
  });

  it("streams the wire traffic: a tool call's request and response, paired by id, with a notification", async () => {
    await using p = createPlayground({ demoOptions: { stepMs: 5 } });
    const stream = events(await get(p, "/playground/events"));
    type Entry = {
      method: string;
      kind: string;
      seq: number;
      ref?: number;
      id?: number | string;
      message: { params?: { name?: string; arguments?: unknown } };
    };
    const is = (method: string, kind: string) => (e: unknown) =>
      (e as Entry).method === method && (e as Entry).kind === kind;
    try {
      await stream.next("servers");
      await post(p, "/v1/servers/demo/tools/slow_count", { to: 1 });
      const request = await stream.next("traffic", 5_000, is("tools/call", "request")) as Entry;
      assert.equal(request.message.params?.name, "slow_count");
      assert.deepEqual(request.message.params?.arguments, { to: 1 });
      await stream.next("traffic", 5_000, is("notifications/message", "notification"));
      const response = await stream.next("traffic", 5_000, is("tools/call", "response")) as Entry;
      assert.equal(response.ref, request.seq);
      assert.equal(response.id, request.id);
      assert.notEqual(request.id, undefined);
    } finally {
      await stream.close();
    }
  });

  it("restarts a call's timeout (X-MCP-Timeout-Ms) at each progress notification", async () => {
    // Six steps 300 ms apart take at least 1.8 s: past a 1 s timeout unless progress restarts it.
    await using p = createPlayground();
    const text = await (await slowCount(p)).text();
    assert.match(text, /event: result/);
    assert.doesNotMatch(text, /event: error/);
    // The same call without the playground's default is cut off.
    await using strict = createPlayground({ clientOptions: { resetTimeoutOnProgress: false } });
    assert.match(
      await (await slowCount(strict)).text(),
      /event: error[\s\S]*timeout|event: error[\s\S]*timed out/i,
    );
  });

  it("ends a call at X-MCP-Max-Timeout-Ms though progress restarts its timeout; refuses a bad one", async () => {
    // Six steps 300 ms apart take at least 1.8 s: progress keeps the 1 s timeout from firing,
    // the 700 ms maximum does not move.
    await using p = createPlayground();
    const text = await (await slowCount(p, { "x-mcp-max-timeout-ms": "700" })).text();
    assert.match(text, /event: error[\s\S]*timed out/);
    assert.match(text, /timed out after 700 ms/);
    assert.doesNotMatch(text, /event: result/);
    const bad = await slowCount(p, { "x-mcp-max-timeout-ms": "soon" });
    assert.equal(bad.status, 400);
    assert.match((await bad.json()).detail, /X-MCP-Max-Timeout-Ms must be an integer/);
    // Without the header, the same call runs to its end.
    const plain = await post(p, "/v1/servers/demo/tools/add", { a: 1, b: 2 });
    assert.equal(plain.status, 200);
  });

  it("refuses a runtime server with a bad name, a taken name or no command or url", async () => {
    await using p = createPlayground();
    const add = (body: unknown) => post(p, "/playground/servers", body);
    assert.equal((await add({ name: "a b", entry: { command: "x" } })).status, 400);
    assert.equal((await add({ name: "demo", entry: { command: "x" } })).status, 409);
    assert.equal((await add({ name: "x", entry: { args: [] } })).status, 400);
  });
});
