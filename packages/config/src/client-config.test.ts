import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client, ConnectionError, McpError } from "@mcpwire/core";
import { InMemoryTransport, type Transport } from "@modelcontextprotocol/client";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { createConfigBackend, MultiServerClient } from "./mod.ts";
import { inMemory, testServer } from "./_test_servers.ts";
import { waitFor } from "@mcpwire/testing";

const CONFIG = { mcpServers: { weather: { command: "w" }, docs: { command: "d" } } };
const inMemoryServers = {
  createTransport: (name: string) => inMemory(testServer(name)),
  onWarning: () => {},
};

describe("new Client(config)", () => {
  it("routes a core Client over several servers, with prefixed names", async () => {
    await withClient(inMemoryServers, async (client) => {
      const tools = (await client.listTools()).map((t) => t.name).sort();
      assert.equal(tools.length, 12);
      assert.ok(tools.includes("weather_echo") && tools.includes("docs_echo"));
      const result = await client.callTool("weather_echo", { text: "hi" });
      assert.deepEqual(result.content, [{ type: "text", text: "weather: hi" }]);
      const contents = await client.readResource("docs://docs/icons/sunny");
      assert.deepEqual(contents, [{ uri: "docs://docs/icons/sunny", text: "sunny from docs" }]);
      const prompt = await client.getPrompt("docs_greet", { who: "Ada" });
      assert.deepEqual(prompt.messages[0]?.content, { type: "text", text: "docs greets Ada" });
      const completion = await client.complete(
        { type: "ref/resource", uri: "weather://weather/{city}/current" },
        { name: "city", value: "O" },
      );
      assert.deepEqual(completion.values, ["Oslo"]);
      assert.match(client.initializeResult?.instructions ?? "", /## docs/);
    });
  });

  it("reports an unknown prefix as a wire error listing the servers", async () => {
    await withClient(inMemoryServers, async (client) => {
      const err = await client.callTool("nope_echo", {}).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof McpError, String(err));
      assert.equal(err.rpcCode, -32602);
      assert.match(
        err.message,
        /unknown tool 'nope_echo' \(expected <server>_<name>\); known servers: weather, docs/,
      );
    });
  });

  it("with one server (no prefixes), says no server lists an unknown tool, naming the server", async () => {
    const client = new Client({ mcpServers: { weather: { command: "w" } } }, inMemoryServers);
    try {
      const err = await client.callTool("nope", {}).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof McpError, String(err));
      assert.equal(err.rpcCode, -32602);
      assert.equal(err.message, "unknown tool 'nope': no server lists it (servers: weather)");
    } finally {
      await client.close();
    }
  });

  it("forwards sampling and logs with the server's name in _meta and logger", async () => {
    const seen: string[] = [];
    const options = {
      ...inMemoryServers,
      samplingHandler: (messages: unknown[], params: { _meta?: Record<string, unknown> }) => {
        seen.push(`sampling from ${params._meta?.["mcpwire/server"]}: ${messages.length}`);
        return "42";
      },
      logHandler: (message: { logger?: string; data: unknown }) => {
        seen.push(`log ${message.logger}: ${message.data}`);
      },
    };
    await withClient(options, async (client) => {
      await client.setLoggingLevel("info");
      const result = await client.callTool("weather_ask", {});
      assert.deepEqual(result.content, [{ type: "text", text: "weather got 42" }]);
      assert.ok(seen.includes("sampling from weather: 1"), seen.join("\n"));
      await waitFor(
        () => seen.includes("log weather: asking from weather"),
        `the log (seen: ${seen})`,
      );
    });
  });

  it("forwards elicitation and roots with the server's name", async () => {
    const asked: string[] = [];
    const options = {
      ...inMemoryServers,
      roots: ["file:///srv/project"],
      elicitationHandler: (
        message: string,
        _schema: unknown,
        params: { _meta?: Record<string, unknown> },
      ) => {
        asked.push(`${params._meta?.["mcpwire/server"]}: ${message}`);
        return { who: "Ada" };
      },
    };
    await withClient(options, async (client) => {
      const result = await client.callTool("weather_consult", {});
      assert.deepEqual(result.content, [{ type: "text", text: "Ada @ file:///srv/project" }]);
      assert.deepEqual(asked, ["weather: weather needs a name"]);
    });
  });

  it("forwards progress under the caller's own token", async () => {
    await withClient(inMemoryServers, async (client) => {
      const seen: string[] = [];
      const result = await client.callTool("docs_count", {}, {
        onProgress: (progress, total, message) => {
          seen.push(`${progress}/${total} ${message}`);
        },
      });
      assert.deepEqual(result.content, [{ type: "text", text: "counted" }]);
      await waitFor(() => seen.length === 3, `three notifications (seen: ${seen})`);
      assert.deepEqual(seen, ["1/3 docs step 1", "2/3 docs step 2", "3/3 docs step 3"]);
    });
  });

  it("passes a list_changed from one server on to the client", async () => {
    await withClient(inMemoryServers, async (client) => {
      assert.equal((await client.listTools()).length, 12);
      await client.callTool("docs_grow", {});
      let names: string[] = [];
      await waitFor(async () => {
        names = (await client.listTools()).map((t) => t.name);
        return names.includes("docs_extra");
      }, "docs_extra listed");
    });
  });

  it("shows each server's state on client.servers", async () => {
    const client = new Client(CONFIG, inMemoryServers);
    await client.connect();
    assert.deepEqual(Object.keys(client.servers), ["weather", "docs"]);
    assert.equal(client.servers.docs?.state, "connected");
    assert.equal(client.servers.docs?.serverInfo?.name, "docs-server");
    await client.close();
    assert.equal(client.servers.docs?.state, "closed");
  });

  it("fails core's connect with a ConnectionError when every server fails", async () => {
    const client = new Client(CONFIG, {
      createTransport: (name: string) => Promise.reject(new Error(`no ${name}`)),
    });
    const err = await client.connect().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ConnectionError, String(err));
    assert.match(
      err.message,
      /every server failed to connect:\n {2}- server 'weather' failed to connect: no weather/,
    );
    assert.ok(err.cause instanceof AggregateError);
    await client.close();
  });

  it("rejects pass-through options of the wrong type", () => {
    assert.throws(() => createConfigBackend(CONFIG, { prefix: "no" }), {
      name: "TypeError",
      message: "option `prefix` must be a boolean",
    });
  });
});

/** Runs `body` with a connected client and closes it (the session is kept alive otherwise). */
async function withClient(
  options: Record<string, unknown>,
  body: (client: Client) => Promise<void>,
): Promise<void> {
  const client = new Client(CONFIG, options);
  try {
    await body(client);
  } finally {
    await client.close();
  }
}

describe("protocol per server", () => {
  /** A server that speaks both eras (the modern one only when asked), in memory. */
  function dualEra(name: string): Transport {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    serveStdio(() => testServer(name), { transport: serverSide });
    return clientSide;
  }

  it("applies `protocol` to each server: pinned, and `auto` negotiated per server", async () => {
    const pinned = new MultiServerClient(CONFIG, {
      protocol: "2026-07-28",
      onWarning: () => {},
      createTransport: (name: string) => dualEra(name),
    });
    try {
      await pinned.connect();
      for (const name of ["weather", "docs"]) {
        const client = await pinned.client(name);
        assert.equal(client.initializeResult?.protocolVersion, "2026-07-28", name);
      }
      const echo = await pinned.callTool({ name: "docs_echo", arguments: { text: "new" } });
      assert.deepEqual(echo.content, [{ type: "text", text: "docs: new" }]);
    } finally {
      await pinned.close();
    }
    // weather speaks both eras, docs only the legacy one
    const client = new Client(CONFIG, {
      protocol: "auto",
      onWarning: () => {},
      createTransport: (name: string) =>
        name === "weather" ? dualEra(name) : inMemory(testServer(name)),
    });
    try {
      await client.connect();
      assert.equal((await client.callTool("weather_echo", { text: "a" })).content.length, 1);
      assert.equal((await client.callTool("docs_echo", { text: "b" })).content.length, 1);
      const multi = new MultiServerClient(CONFIG, {
        protocol: "auto",
        onWarning: () => {},
        createTransport: (name: string) =>
          name === "weather" ? dualEra(name) : inMemory(testServer(name)),
      });
      try {
        await multi.connect();
        const versions = await Promise.all(
          ["weather", "docs"].map(async (n) =>
            (await multi.client(n)).initializeResult?.protocolVersion
          ),
        );
        assert.deepEqual(versions, ["2026-07-28", "2025-11-25"]);
      } finally {
        await multi.close();
      }
    } finally {
      await client.close();
    }
  });
});
