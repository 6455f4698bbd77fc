import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ConnectionError, McpError, TimeoutError } from "@mcpwire/core";
import {
  ConfigError,
  MultiServerClient,
  type MultiServerClientOptions,
  type ServerConfig,
} from "./mod.ts";
import { inMemory, silentTransport, testServer, text } from "./_test_servers.ts";
import { waitFor } from "@mcpwire/testing";

const CONFIG = {
  mcpServers: {
    weather: { command: "weather-server" },
    docs: { command: "docs-server" },
  },
};

type Options = MultiServerClientOptions & { broken?: string[]; silent?: string[] };

/** A client whose servers are in-memory test servers named after their config entry. */
function client(config: object = CONFIG, options: Options = {}): MultiServerClient {
  const warnings: string[] = [];
  return new MultiServerClient(config, {
    onWarning: (message) => warnings.push(message),
    createTransport: (name: string, _entry: ServerConfig) => {
      if (options.broken?.includes(name)) throw new Error(`spawn ${name} ENOENT`);
      if (options.silent?.includes(name)) return silentTransport();
      return inMemory(testServer(name));
    },
    ...options,
  });
}

describe("MultiServerClient", () => {
  it("lists prefixed tools, resources, templates and prompts, and routes them back", async () => {
    await using multi = client();
    await multi.connect();
    const tools = (await multi.listTools()).tools.map((t) => t.name).sort();
    assert.deepEqual(tools, [
      "docs_ask",
      "docs_consult",
      "docs_count",
      "docs_echo",
      "docs_grow",
      "docs_link",
      "weather_ask",
      "weather_consult",
      "weather_count",
      "weather_echo",
      "weather_grow",
      "weather_link",
    ]);
    const echo = await multi.callTool({ name: "docs_echo", arguments: { text: "hi" } });
    assert.equal(text(echo), "docs: hi");

    const resources = (await multi.listResources()).resources.map((r) => r.uri).sort();
    assert.deepEqual(resources, ["docs://docs/icons/sunny", "weather://weather/icons/sunny"]);
    const read = await multi.readResource({ uri: "weather://weather/icons/sunny" });
    assert.deepEqual(read.contents, [{
      uri: "weather://weather/icons/sunny",
      text: "sunny from weather",
    }]);

    const templates = (await multi.listResourceTemplates()).resourceTemplates.map((t) =>
      t.uriTemplate
    );
    assert.deepEqual(templates.sort(), [
      "docs://docs/{city}/current",
      "weather://weather/{city}/current",
    ]);
    const city = await multi.readResource({ uri: "weather://weather/Oslo/current" });
    assert.equal((city.contents[0] as { text: string }).text, "weather weather in Oslo");

    const prompts = (await multi.listPrompts()).prompts.map((p) => p.name).sort();
    assert.deepEqual(prompts, ["docs_greet", "weather_greet"]);
    const prompt = await multi.getPrompt({ name: "weather_greet", arguments: { who: "Ada" } });
    assert.deepEqual(prompt.messages[0]?.content, { type: "text", text: "weather greets Ada" });

    const completion = await multi.complete({
      ref: { type: "ref/resource", uri: "docs://docs/{city}/current" },
      argument: { name: "city", value: "L" },
    });
    assert.deepEqual(completion.completion.values, ["Lima"]);
  });

  it("prefixes resource links in tool results so they can be read back", async () => {
    await using multi = client();
    await multi.connect();
    const result = await multi.callTool({ name: "weather_link" });
    const [link] = result.content as { uri: string }[];
    assert.equal(link?.uri, "weather://weather/icons/sunny");
    const read = await multi.readResource({ uri: link.uri });
    assert.deepEqual(read.contents, [{ uri: link.uri, text: "sunny from weather" }]);
  });

  it("reports each server's state, serverInfo and counts", async () => {
    await using multi = client();
    assert.equal(multi.servers.weather?.state, "closed");
    await multi.connect();
    await multi.listTools();
    const { weather } = multi.servers;
    assert.equal(weather?.state, "connected");
    assert.equal(weather?.serverInfo?.name, "weather-server");
    assert.equal(weather?.tools, 6);
    assert.equal(weather?.prompts, undefined, "not listed yet");
    assert.match(multi.instructions ?? "", /## weather\n\nUse weather for weather things\./);
  });

  it("errors on an unknown prefix, listing the known servers", async () => {
    await using multi = client();
    await multi.connect();
    for (const name of ["nope_echo", "echo"]) {
      const err = await multi.callTool({ name }).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof McpError, String(err));
      assert.equal(err.rpcCode, -32602);
      assert.equal(
        err.message,
        `unknown tool '${name}' (expected <server>_<name>); known servers: weather, docs`,
      );
    }
    const err = await multi.readResource({ uri: "x://nope/y" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof McpError);
    assert.match(
      err.message,
      /^unknown resource 'x:\/\/nope\/y' \(expected scheme:\/\/<server>\/…\)/,
    );
  });

  it("skips a server that fails, with a warning, and keeps the others", async () => {
    const warnings: string[] = [];
    await using multi = client(CONFIG, { broken: ["docs"], onWarning: (m) => warnings.push(m) });
    await multi.connect();
    assert.equal(multi.servers.docs?.state, "failed");
    assert.ok(multi.servers.docs?.error instanceof ConnectionError);
    assert.equal(
      multi.servers.docs?.error?.message,
      "server 'docs' failed to connect: spawn docs ENOENT",
    );
    assert.deepEqual(warnings, ["server 'docs' failed to connect: spawn docs ENOENT; skipped"]);
    assert.equal((await multi.listTools()).tools.length, 6);
    const err = await multi.callTool({ name: "docs_echo" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof ConnectionError);
    assert.equal(err.message, "server 'docs' failed to connect: spawn docs ENOENT");
  });

  it("fails when every server fails, listing each cause", async () => {
    const multi = client(CONFIG, { broken: ["weather", "docs"] });
    const err = await multi.connect().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ConnectionError);
    assert.equal(
      err.message,
      "every server failed to connect:\n" +
        "  - server 'weather' failed to connect: spawn weather ENOENT\n" +
        "  - server 'docs' failed to connect: spawn docs ENOENT",
    );
  });

  it("fails on any failure with strict: true, closing the others", async () => {
    const multi = client(CONFIG, { broken: ["docs"], strict: true });
    const err = await multi.connect().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ConnectionError);
    assert.match(err.message, /^1 of 2 servers failed to connect \(strict\):\n {2}- server 'docs'/);
    assert.equal(multi.servers.weather?.state, "closed");
  });

  it("gives each server its own timeout", async () => {
    const config = {
      mcpServers: { ...CONFIG.mcpServers, slow: { command: "slow", timeout: 150 } },
    };
    await using multi = client(config, { silent: ["slow"] });
    const started = Date.now();
    await multi.connect();
    assert.ok(Date.now() - started < 5000);
    const error = multi.servers.slow?.error;
    assert.ok(error instanceof TimeoutError, String(error));
    assert.equal(error.message, "server 'slow' did not connect within 150 ms");
    assert.equal(multi.servers.weather?.state, "connected");
  });

  it("uses a configurable separator", async () => {
    await using multi = client(CONFIG, { separator: "__" });
    await multi.connect();
    assert.ok((await multi.listTools()).tools.some((t) => t.name === "weather__echo"));
    assert.equal(
      text(await multi.callTool({ name: "weather__echo", arguments: { text: "x" } })),
      "weather: x",
    );
  });

  it("allows prefix: false when no names collide, and names both servers when they do", async () => {
    const one = {
      mcpServers: { weather: { command: "w" }, off: { command: "o", disabled: true } },
    };
    await using plain = client(one, { prefix: false });
    await plain.connect();
    assert.equal(
      text(await plain.callTool({ name: "echo", arguments: { text: "a" } })),
      "weather: a",
    );
    assert.equal(plain.servers.off?.state, "disabled");

    await using clash = client(CONFIG, { prefix: false });
    await clash.connect();
    const err = await clash.listTools().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ConfigError);
    assert.equal(
      err.message,
      "tool 'echo' is provided by both 'weather' and 'docs'; remove `prefix: false` or rename one",
    );
  });

  it("shortens names over 64 characters and still routes them", async () => {
    const long = "a-server-with-a-really-quite-remarkably-long-name-indeed-yes-62";
    await using multi = client({
      mcpServers: { [long]: { command: "x" }, docs: { command: "d" } },
    });
    await multi.connect();
    const names = (await multi.listTools()).tools.map((t) => t.name);
    const echo = names.find((n) => n.startsWith(long.slice(0, 50)) && n.length === 64);
    assert.ok(echo, names.join(", "));
    assert.ok(names.every((n) => n.length <= 64));
    await using fresh = client({
      mcpServers: { [long]: { command: "x" }, docs: { command: "d" } },
    });
    await fresh.connect();
    const results = await Promise.all(
      names.filter((n) => n.length === 64).map((name) =>
        fresh.callTool({ name, arguments: { text: "t" } })
      ),
    );
    assert.ok(results.some((r) => text(r) === `${long}: t`));
  });

  it("applies includeTools and excludeTools", async () => {
    const config = {
      mcpServers: {
        weather: { command: "w", includeTools: ["echo", "link"] },
        docs: { command: "d", excludeTools: ["grow"] },
      },
    };
    await using multi = client(config);
    await multi.connect();
    const tools = (await multi.listTools()).tools.map((t) => t.name).sort();
    assert.deepEqual(tools, [
      "docs_ask",
      "docs_consult",
      "docs_count",
      "docs_echo",
      "docs_link",
      "weather_echo",
      "weather_link",
    ]);
    const err = await multi.callTool({ name: "docs_grow" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof McpError);
    assert.equal(
      err.message,
      "tool 'grow' of server 'docs' is hidden by its includeTools/excludeTools",
    );
  });

  it("forwards sampling and logs with the server's name, and passes list_changed on", async () => {
    const seen: string[] = [];
    await using multi = client(CONFIG, {
      handlers: {
        sampling: (params, { server }) => {
          const content = params.messages[0]?.content as { text: string };
          seen.push(`sampling ${server}: ${content.text}`);
          return Promise.resolve({
            role: "assistant",
            model: "m",
            content: { type: "text", text: "42" },
          });
        },
        log: (params, { server }) => seen.push(`log ${server}: ${params.data}`),
        listChanged: (kind, { server }) => seen.push(`changed ${server} ${kind}`),
      },
    });
    await multi.connect();
    await multi.setLoggingLevel("debug");
    assert.equal(text(await multi.callTool({ name: "docs_ask" })), "docs got 42");
    assert.equal((await multi.listTools()).tools.length, 12);
    await multi.callTool({ name: "weather_grow" });
    await waitFor(() => seen.includes("changed weather tools"), "weather's tools/list_changed");
    assert.ok((await multi.listTools()).tools.some((t) => t.name === "weather_extra"));
    assert.ok(seen.includes("sampling docs: question from docs"), seen.join("\n"));
    assert.ok(seen.includes("log docs: asking from docs"), seen.join("\n"));
  });

  it("keeps working when one server crashes, and close() closes the rest", async () => {
    const transports = new Map<string, Awaited<ReturnType<typeof inMemory>>>();
    const warnings: string[] = [];
    const multi = new MultiServerClient(CONFIG, {
      onWarning: (m) => warnings.push(m),
      createTransport: async (name: string) => {
        const transport = await inMemory(testServer(name));
        transports.set(name, transport);
        return transport;
      },
    });
    await multi.connect();
    await transports.get("docs")?.close();
    await waitFor(() => multi.servers.docs?.state === "failed", "docs failed");
    assert.match(warnings.join("\n"), /server 'docs' disconnected/);
    assert.equal(
      text(await multi.callTool({ name: "weather_echo", arguments: { text: "ok" } })),
      "weather: ok",
    );
    assert.deepEqual((await multi.listPrompts()).prompts.map((p) => p.name), ["weather_greet"]);
    await multi.close();
    assert.equal(multi.servers.weather?.state, "closed");
  });

  it("connects VS Code's shape, resolving ${input:…} and ${VAR} before building transports", async () => {
    const seen: Record<string, ServerConfig> = {};
    const asked: string[] = [];
    await using multi = new MultiServerClient({
      inputs: [{ type: "promptString", id: "token", description: "API token", password: true }],
      servers: {
        weather: { type: "stdio", command: "w", env: { TOKEN: "${input:token}" } },
        docs: {
          type: "http",
          url: "https://${HOST:-docs.example}/mcp",
          headers: { A: "${input:token}" },
        },
      },
    }, {
      env: {},
      inputs: ({ id, definition }) => {
        asked.push(`${id}: ${definition?.description}`);
        return "t0k";
      },
      createTransport: (name: string, entry: ServerConfig) => {
        seen[name] = entry;
        return inMemory(testServer(name));
      },
    });
    await multi.connect();
    assert.deepEqual(asked, ["token: API token"]);
    assert.deepEqual(seen.weather?.env, { TOKEN: "t0k" });
    assert.equal(seen.docs?.url, "https://docs.example/mcp");
    assert.deepEqual(seen.docs?.headers, { A: "t0k" });
    assert.equal(multi.servers.docs?.transport, "http");
  });

  it("fails before connecting anything when a variable is missing", async () => {
    let built = 0;
    const multi = new MultiServerClient(
      { mcpServers: { a: { command: "a", args: ["${NOPE}"] }, b: { command: "b" } } },
      {
        env: {},
        createTransport: () => {
          built++;
          return silentTransport();
        },
      },
    );
    const err = await multi.connect().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ConfigError);
    assert.match(
      err.message,
      /^mcpServers\.a\.args\[0\]: server 'a': environment variable NOPE is not set/,
    );
    assert.equal(built, 0);
  });

  it("fails to connect a config without enabled servers", async () => {
    const multi = client({ mcpServers: { a: { command: "a", disabled: true } } });
    const err = await multi.connect().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ConfigError);
    assert.equal(err.message, "nothing to connect: every server is disabled");
  });
});
