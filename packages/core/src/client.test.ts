import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { InMemoryTransport } from "@modelcontextprotocol/client";
import { McpServer as McpServerV1 } from "@modelcontextprotocol/sdk/server/mcp.js";
import {
  Client,
  ConnectionError,
  type InitializeResult,
  NotConnectedError,
  TimeoutError,
} from "./mod.ts";
import { demoServer } from "../test/fixtures/servers.ts";

describe("Client lifecycle", () => {
  it("Client.connect() runs the handshake and exposes initializeResult", async () => {
    const { server } = demoServer();
    const client = new Client(server);
    assert.equal(client.isConnected(), false);
    assert.equal(client.initializeResult, undefined);
    await client.connect();
    try {
      assert.equal(client.isConnected(), true);
      const init: InitializeResult | undefined = client.initializeResult as
        | InitializeResult
        | undefined;
      assert.equal(init?.serverInfo?.name, "demo");
      assert.equal(init?.serverInfo?.version, "1.2.3");
      assert.equal(init?.instructions, "Use add to add numbers.");
      assert.equal(init?.protocolVersion, "2025-11-25");
      assert.ok(init?.capabilities.tools);
    } finally {
      await client.close();
    }
    assert.equal(client.isConnected(), false);
    assert.equal(client.initializeResult, undefined);
  });

  it("await using connects on first use and disconnects at the end of the block", async () => {
    const { server } = demoServer();
    let outer: Client;
    {
      await using client = new Client(server);
      outer = client;
      assert.equal(await client.ping(), true);
      assert.equal(client.isConnected(), true);
    }
    assert.equal(outer.isConnected(), false);
  });

  it("re-entrant await using blocks share one session; only the last exit disconnects", async () => {
    const { server, observed } = demoServer();
    const client = new Client(server);
    {
      await using a = await client.connect();
      {
        await using b = await client.connect();
        assert.equal(b, a);
        await b.ping();
      }
      assert.equal(client.isConnected(), true);
      await a.ping();
    }
    assert.equal(client.isConnected(), false);
    assert.equal(observed.initializeCount, 1);
  });

  it("concurrent connect() calls share one session", async () => {
    const { server, observed } = demoServer();
    const client = new Client(server);
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        await using c = await client.connect();
        await c.ping();
      }),
    );
    assert.equal(client.isConnected(), false);
    assert.equal(observed.initializeCount, 1);
  });

  it("close() disconnects whatever the reference count; later operations throw NotConnectedError", async () => {
    const { server } = demoServer();
    await using client = await new Client(server).connect();
    await client.connect();
    await client.close();
    assert.equal(client.isConnected(), false);
    await assert.rejects(client.ping(), (err) => {
      assert.ok(err instanceof NotConnectedError);
      assert.equal(err.code, "NOT_CONNECTED");
      assert.match(err.message, /ping/);
      assert.match(
        err.message,
        /the client for demo is not connected/,
        "named after its handshake",
      );
      return true;
    });
    await client.connect();
    assert.equal(await client.ping(), true);
    await client.close();
  });

  it("a closed session is replaced by a fresh transport on the next connect()", async () => {
    const { server, observed } = demoServer();
    const client = new Client(server);
    await client.connect();
    await client.close();
    await client.connect();
    await client.ping();
    await client.close();
    assert.equal(observed.initializeCount, 2);
  });

  it("a connect() racing the last release waits for the old session to close", async () => {
    const { server, observed } = demoServer();
    const client = new Client(server);
    await client.connect();
    const release = client[Symbol.asyncDispose]();
    const reconnect = client.connect();
    await Promise.all([release, reconnect]);
    assert.equal(await client.ping(), true);
    await client.close();
    assert.equal(observed.initializeCount, 2);
  });

  it("autoInitialize: false connects without the handshake; initialize() does it once", async () => {
    const { server, observed } = demoServer();
    const client = new Client(server, { autoInitialize: false });
    await client.connect();
    try {
      assert.equal(client.isConnected(), true);
      assert.equal(client.initializeResult, undefined);
      await assert.rejects(client.ping(), NotConnectedError);
      const first = await client.initialize({ timeout: 5_000 });
      const second = await client.initialize();
      assert.equal(first, second);
      assert.equal(first.serverInfo?.name, "demo");
      assert.equal(observed.initializeCount, 1);
      assert.equal(await client.ping(), true);
    } finally {
      await client.close();
    }
  });

  it("initialize() before connect() throws NotConnectedError", async () => {
    const client = new Client(demoServer().server, { autoInitialize: false });
    await assert.rejects(client.initialize(), NotConnectedError);
  });

  it("a handshake that does not answer in initTimeout rejects with TimeoutError", async () => {
    const [clientSide] = InMemoryTransport.createLinkedPair(); // nobody listens on the other end
    const client = new Client(clientSide, { initTimeout: 50 });
    await assert.rejects(client.connect(), (err) => {
      assert.ok(err instanceof TimeoutError);
      assert.equal(err.timeoutMs, 50);
      assert.match(err.message, /initialize/);
      return true;
    });
    assert.equal(client.isConnected(), false);
  });

  it("new() returns a separate client with the same source and options", async () => {
    const { server } = demoServer();
    const client = new Client(server, { name: "tester", timeout: 1234 });
    const copy = client.new();
    assert.notEqual(copy, client);
    assert.equal(copy.source, server);
    assert.equal(copy.options.name, "tester");
    assert.equal(copy.options.timeout, 1234);
    await using c = await copy.connect();
    assert.equal(await c.ping(), true);
  });

  it("sends clientInfo from name/version, defaulting to mcpwire", async () => {
    for (
      const [options, expected] of [[{}, "mcpwire"], [
        { name: "my-app", version: "9.9.9" },
        "my-app",
      ]] as const
    ) {
      const { server } = demoServer();
      await using client = await new Client(server, options).connect();
      assert.equal(server.server.getClientVersion()?.name, expected);
      assert.ok(server.server.getClientVersion()?.version);
      assert.ok(client.isConnected());
    }
  });

  it("connects to an SDK v1 McpServer in memory", async () => {
    const server = new McpServerV1({ name: "v1-server", version: "1.0.0" });
    server.registerTool("hello", { description: "says hello" }, () => ({
      content: [{ type: "text", text: "hello from v1" }],
    }));
    await using client = await new Client(server).connect();
    assert.equal(client.initializeResult?.serverInfo?.name, "v1-server");
    const result = await client.callTool("hello");
    assert.deepEqual(result.content, [{ type: "text", text: "hello from v1" }]);
  });

  it("a server object already connected elsewhere gives a ConnectionError", async () => {
    const { server } = demoServer();
    await using first = await new Client(server).connect();
    await assert.rejects(new Client(server).connect(), (err) => {
      assert.ok(err instanceof ConnectionError);
      assert.match(err.message, /could not connect to in-memory server in memory/);
      return true;
    });
    assert.ok(first.isConnected());
  });

  it("a lost connection rejects pending calls with ConnectionError and connect() starts over", async () => {
    const { server } = demoServer();
    const client = await new Client(server).connect();
    try {
      const pending = client.callTool("slow");
      await new Promise((resolve) => setTimeout(resolve, 20));
      await server.close();
      await assert.rejects(pending, ConnectionError);
      assert.equal(client.isConnected(), false);
      await assert.rejects(client.ping(), ConnectionError);
      await client.connect();
      assert.equal(await client.ping(), true);
    } finally {
      await client.close();
    }
  });

  it("a transport's ConnectionError given to onerror before onclose is the one callers get", async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const { server } = demoServer();
    await server.connect(serverSide);
    await using client = await new Client(clientSide).connect();
    const pending = client.callTool("slow");
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reported = new ConnectionError("server 'demo' exited with code 3");
    clientSide.onerror?.(reported);
    await clientSide.close();
    await assert.rejects(pending, (err) => err === reported);
  });
});
