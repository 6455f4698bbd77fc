import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client, ConnectionError, McpError } from "@mcpwire/core";
import { createConfigBackend } from "./mod.ts";
import { inMemory, testServer } from "./_test_servers.ts";

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
      await waitFor(() => seen.includes("log weather: asking from weather"), seen);
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
      await waitFor(() => seen.length === 3, seen);
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
      }, names);
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

async function waitFor(
  condition: () => boolean | Promise<boolean>,
  seen: unknown,
  ms = 3000,
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) assert.fail(`condition not met in time: ${JSON.stringify(seen)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
