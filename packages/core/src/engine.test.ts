import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runtimeCommand } from "@mcpwire/testing";
import {
  InMemoryTransport,
  type JSONRPCMessage,
  type Transport,
} from "@modelcontextprotocol/client";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import {
  CancelledError,
  Client,
  ConnectionError,
  McpError,
  TimeoutError,
  ToolError,
} from "./mod.ts";
import { demoServer } from "../test/fixtures/servers.ts";
import { ScriptedServer, type SentRequest } from "../test/fixtures/scripted-server.ts";

const TEXT = (text: string) => ({ content: [{ type: "text", text }] });

/** Fails instead of hanging when a promise does not settle in time. */
async function within<T>(promise: Promise<T>, ms = 2_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits until the scripted server has received `count` requests of a method. */
async function received(server: ScriptedServer, method: string, count = 1): Promise<SentRequest[]> {
  for (let i = 0; i < 200 && server.requests(method).length < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const requests = server.requests(method);
  assert.ok(requests.length >= count, `expected ${count} ${method} request(s)`);
  return requests;
}

/** A transport wrapper that records what the client sends. */
function recording(inner: Transport): { transport: Transport; sent: Record<string, unknown>[] } {
  const sent: Record<string, unknown>[] = [];
  const transport: Transport = {
    start: () => inner.start(),
    close: () => inner.close(),
    send: (message, options) => {
      sent.push(message as Record<string, unknown>);
      return inner.send(message, options);
    },
    setProtocolVersion: (version) => inner.setProtocolVersion?.(version),
  };
  inner.onmessage = (message, extra) => transport.onmessage?.(message as JSONRPCMessage, extra);
  inner.onclose = () => transport.onclose?.();
  inner.onerror = (error) => transport.onerror?.(error);
  return { transport, sent };
}

describe("the request engine", () => {
  it("sends every request with an mcpwire- string id, initialize and tools/list too", async () => {
    const server = new ScriptedServer();
    server.onRequest = (r) => server.reply(r.id, TEXT("hi"));
    await using client = await new Client(server).connect();
    const result = await client.callTool("echo", { text: "hi" });
    assert.deepEqual(result.content, [{ type: "text", text: "hi" }]);
    const [call] = server.requests("tools/call");
    assert.match(String(call?.id), /^mcpwire-\d+$/);
    assert.deepEqual(call?.params, { name: "echo", arguments: { text: "hi" } });
    assert.match(String(server.requests("tools/list")[0]?.id), /^mcpwire-\d+$/);
    assert.match(String(server.requests("initialize")[0]?.id), /^mcpwire-\d+$/);
  });

  it("a timeout rejects with TimeoutError, cancels the call's id, and ignores the late answer", async () => {
    const server = new ScriptedServer();
    await using client = await new Client(server, { timeout: 30, initTimeout: 5_000 }).connect();
    await assert.rejects(within(client.callTool("echo")), (err) => {
      assert.ok(err instanceof TimeoutError);
      assert.equal(err.timeoutMs, 30);
      assert.match(err.message, /tools\/call 'echo' on server 'scripted' timed out after 30 ms/);
      return true;
    });
    const [call] = server.requests("tools/call");
    const [cancel] = server.notifications("notifications/cancelled");
    assert.equal((cancel?.params as { requestId: unknown }).requestId, call?.id);
    server.reply(call!.id, TEXT("too late"));
    server.onRequest = (r) => server.reply(r.id, TEXT("in time"));
    const next = await client.callTool("echo", {}, { timeout: 1_000 });
    assert.deepEqual(next.content, [{ type: "text", text: "in time" }]);
  });

  it("a per-call timeout overrides the client-wide one", async () => {
    const server = new ScriptedServer();
    server.onRequest = (r) => setTimeout(() => server.reply(r.id, TEXT("slow")), 80);
    await using client = await new Client(server, { timeout: 20, initTimeout: 5_000 }).connect();
    const result = await within(client.callTool("echo", {}, { timeout: 1_000 }));
    assert.deepEqual(result.content, [{ type: "text", text: "slow" }]);
  });

  it("an abort rejects with CancelledError and cancels on the server; an aborted signal sends nothing", async () => {
    const server = new ScriptedServer();
    await using client = await new Client(server).connect();
    const controller = new AbortController();
    const pending = client.callTool("echo", {}, { signal: controller.signal });
    const [call] = await received(server, "tools/call");
    controller.abort(new Error("user pressed stop"));
    await assert.rejects(within(pending), (err) => {
      assert.ok(err instanceof CancelledError);
      assert.match(err.message, /tools\/call 'echo' on server 'scripted' was cancelled/);
      return true;
    });
    const cancels = server.notifications("notifications/cancelled");
    assert.equal(cancels.length, 1);
    assert.deepEqual(cancels[0]?.params, {
      requestId: call?.id,
      reason: "Error: user pressed stop",
    });
    await assert.rejects(
      client.callTool("echo", {}, { signal: AbortSignal.abort() }),
      CancelledError,
    );
    assert.equal(server.requests("tools/call").length, 1);
  });

  it("one signal shared by many calls cancels only the calls still pending when it aborts", async () => {
    const server = new ScriptedServer();
    const held: SentRequest[] = [];
    server.onRequest = (r) => {
      const { i } = r.params?.arguments as { i: number };
      if (i < 20) server.reply(r.id, TEXT(String(i)));
      else held.push(r);
    };
    await using client = await new Client(server).connect();
    const controller = new AbortController();
    const signal = controller.signal;
    const done = await within(
      Promise.all(Array.from({ length: 20 }, (_, i) => client.callTool("echo", { i }, { signal }))),
    );
    assert.equal(done.length, 20);
    const pending = Array.from(
      { length: 15 },
      (_, i) =>
        client.callTool("echo", { i: 20 + i }, { signal }).then(() => "answered", (err) => err),
    );
    await received(server, "tools/call", 35);
    controller.abort(new Error("connection closed"));
    const outcomes = await within(Promise.all(pending));
    for (const outcome of outcomes) assert.ok(outcome instanceof CancelledError);
    const cancelled = server.notifications("notifications/cancelled").map((n) =>
      (n.params as { requestId?: string } | undefined)?.requestId
    );
    assert.deepEqual(cancelled.sort(), held.map((r) => r.id).sort());
  });

  it("a JSON-RPC error is an McpError with the wire code, data and the server's message", async () => {
    const server = new ScriptedServer();
    server.onRequest = (r) => server.fail(r.id, -32050, "quota exceeded", { retryAfter: 3 });
    await using client = await new Client(server).connect();
    await assert.rejects(client.callTool("echo"), (err) => {
      assert.ok(err instanceof McpError);
      assert.equal(err.rpcCode, -32050);
      assert.deepEqual(err.data, { retryAfter: 3 });
      assert.equal(err.message, "server 'scripted' rejected tools/call 'echo': quota exceeded");
      return true;
    });
  });

  it("a connection lost mid-call rejects every pending call with the transport's ConnectionError", async () => {
    const server = new ScriptedServer();
    await using client = await new Client(server).connect();
    const calls = [1, 2, 3].map(() => client.callTool("echo"));
    await received(server, "tools/call", 3);
    server.drop("server 'scripted' hung up");
    for (const call of calls) {
      await assert.rejects(within(call), (err) => {
        assert.ok(err instanceof ConnectionError);
        assert.equal(err.message, "server 'scripted' hung up");
        return true;
      });
    }
  });

  it("close() while calls are pending rejects them with ConnectionError", async () => {
    const server = new ScriptedServer();
    const client = await new Client(server).connect();
    const pending = client.callTool("echo");
    await received(server, "tools/call");
    await client.close();
    await assert.rejects(within(pending), (err) => {
      assert.ok(err instanceof ConnectionError);
      assert.match(err.message, /closed during tools\/call 'echo'/);
      return true;
    });
  });

  it("progress that arrives in the same chunk as the result reaches the handler first", async () => {
    const server = new ScriptedServer();
    server.onRequest = (r) => {
      const token = (r.params?._meta as { progressToken: string }).progressToken;
      server.push(
        {
          method: "notifications/progress",
          params: { progressToken: token, progress: 1, total: 2 },
        },
        {
          method: "notifications/progress",
          params: { progressToken: token, progress: 2, total: 2 },
        },
        { id: r.id, result: TEXT("done") },
      );
    };
    await using client = await new Client(server).connect();
    const seen: number[] = [];
    await client.callTool("echo", {}, { onProgress: (progress) => void seen.push(progress) });
    assert.deepEqual(seen, [1, 2]);
  });

  it("sampling, elicitation and roots requests during a call are answered by the client's handlers", async () => {
    const server = new ScriptedServer();
    server.onRequest = async (r) => {
      const sampled = await server.ask("sampling/createMessage", {
        messages: [{ role: "user", content: { type: "text", text: "hello?" } }],
        maxTokens: 10,
      });
      const elicited = await server.ask("elicitation/create", {
        message: "name?",
        requestedSchema: { type: "object", properties: { name: { type: "string" } } },
      });
      const roots = await server.ask("roots/list", {});
      server.reply(r.id, { content: [], structuredContent: { sampled, elicited, roots } });
    };
    await using client = await new Client(server, {
      samplingHandler: () => "hi there",
      elicitationHandler: () => ({ name: "Ada" }),
      roots: ["file:///tmp/project"],
    }).connect();
    const { data } = await within(client.callTool<Record<string, { result: unknown }>>("echo"));
    assert.equal(
      (data.sampled?.result as { content: { text: string } }).content.text,
      "hi there",
    );
    assert.deepEqual(data.elicited?.result, { action: "accept", content: { name: "Ada" } });
    assert.deepEqual(data.roots?.result, { roots: [{ uri: "file:///tmp/project" }] });
  });

  it("500 concurrent calls answered in reverse order each get their own result", async () => {
    const server = new ScriptedServer();
    const waiting: SentRequest[] = [];
    server.onRequest = (r) => {
      waiting.push(r);
      if (waiting.length < 500) return;
      for (const w of waiting.reverse()) {
        server.reply(w.id, TEXT(String((w.params?.arguments as { i: number }).i)));
      }
    };
    await using client = await new Client(server).connect();
    const results = await within(
      Promise.all(Array.from({ length: 500 }, (_, i) => client.callTool("echo", { i }))),
    );
    results.forEach((result, i) =>
      assert.deepEqual(result.content, [{ type: "text", text: `${i}` }])
    );
  });

  it("a malformed result is an McpError naming the server, the tool and the problem", async () => {
    const server = new ScriptedServer();
    const answers: unknown[] = [
      "not an object",
      { content: "text" },
      { content: [{ type: "video", url: "x" }] },
      { content: [{ type: "text" }] },
      { content: [], structuredContent: [1, 2] },
      { content: [], isError: "yes" },
      { task: { taskId: "t" } },
    ];
    server.onRequest = (r) => server.reply(r.id, answers.shift());
    await using client = await new Client(server).connect();
    const problems = [
      /expected an object/,
      /content: expected an array/,
      /content\.0: unknown content block type "video"/,
      /content\.0: text: expected a string/,
      /structuredContent: expected an object/,
      /isError: expected a boolean/,
      /content is required when the body carries 'task'/,
    ];
    for (const problem of problems) {
      await assert.rejects(client.callTool("echo"), (err) => {
        assert.ok(err instanceof McpError);
        assert.equal(err.rpcCode, -32603);
        assert.match(
          err.message,
          /^tools\/call 'echo' on server 'scripted' failed: Invalid result/,
        );
        assert.match(err.message, problem);
        return true;
      });
    }
  });

  it("a result without content gets content: [], and isError still raises ToolError", async () => {
    const server = new ScriptedServer();
    const answers: unknown[] = [
      { structuredContent: { ok: true }, resultType: "complete" },
      { ...TEXT("broken"), isError: true },
    ];
    server.onRequest = (r) => server.reply(r.id, answers.shift());
    await using client = await new Client(server).connect();
    const result = await client.callTool("echo");
    assert.deepEqual(result.content, []);
    assert.deepEqual(result.data, { ok: true });
    await assert.rejects(client.callTool("echo"), (err) => {
      assert.ok(err instanceof ToolError);
      assert.equal(err.message, "broken");
      assert.equal("resultType" in (err.result as object), false);
      return true;
    });
  });

  it("on the 2026-07-28 era, tools/call goes through the SDK (numeric ids)", async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const handle = serveStdio(() => demoServer().server, { transport: serverSide });
    const { transport, sent } = recording(clientSide);
    try {
      await using client = await new Client(transport, { protocol: "2026-07-28" }).connect();
      assert.equal((await client.callTool<{ sum: number }>("add", { a: 1, b: 2 })).data.sum, 3);
      const calls = sent.filter((m) => m.method === "tools/call");
      assert.equal(calls.length, 1);
      assert.equal(typeof calls[0]?.id, "number");
    } finally {
      await handle.close();
    }
  });
});

describe("the engine's timer", () => {
  it("keeps a program running while a request is pending, until its timeout fires", async () => {
    const file = fileURLToPath(new URL("../test/fixtures/held-by-request.ts", import.meta.url));
    const [command, args] = runtimeCommand(file);
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    assert.equal(out.trim(), "TIMEOUT");
    assert.equal(code, 0);
  });
});
