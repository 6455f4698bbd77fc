import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, ConnectionError } from "@mcpwire/core";
import { MultiServerClient } from "./mod.ts";
import { createServerTransport } from "./_server-transport.ts";
import { PEERS, runJs, type RunningServer, startEverything } from "@mcpwire/testing";

const BROKEN_COMMAND = "mcpwire-no-such-command-6f1d";

describe("real servers from one config", () => {
  let dir = "";
  let http: RunningServer | undefined;
  let config: { mcpServers: Record<string, object> };

  before(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), "mcpwire-peers-")));
    await writeFile(join(dir, "notes.txt"), "hello from the filesystem");
    http = await startEverything("streamableHttp");
    config = {
      mcpServers: {
        everything: runJs(PEERS.everything, "stdio"),
        "everything-http": { url: http.url.href },
        memory: { ...runJs(PEERS.memory), env: { MEMORY_FILE_PATH: join(dir, "memory.jsonl") } },
        files: runJs(PEERS.filesystem, dir),
        broken: { command: BROKEN_COMMAND, args: ["--stdio"] },
      },
    };
  });
  after(async () => {
    await http?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const quiet = { stderr: "ignore" as const, connectTimeout: 60_000, serverWait: 60_000 };

  it("lists, calls and reads through prefixes; the broken server is reported, the rest work", async () => {
    const warnings: string[] = [];
    await using multi = new MultiServerClient(config, {
      ...quiet,
      onWarning: (m) => warnings.push(m),
    });
    await multi.connect();
    const { servers } = multi;
    assert.equal(servers["everything-http"]?.error, undefined);
    assert.deepEqual(
      Object.fromEntries(Object.entries(servers).map(([name, s]) => [name, s.state])),
      {
        everything: "connected",
        "everything-http": "connected",
        memory: "connected",
        files: "connected",
        broken: "failed",
      },
    );
    assert.ok(servers.broken?.error instanceof ConnectionError);
    assert.match(servers.broken?.error?.message ?? "", new RegExp(BROKEN_COMMAND));
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0] ?? "",
      /^could not start 'broken' \(`mcpwire-no-such-command-6f1d --stdio`\)/,
    );

    const tools = (await multi.listTools()).tools.map((t) => t.name);
    for (
      const name of [
        "everything_echo",
        "everything-http_echo",
        "memory_read_graph",
        "files_read_text_file",
      ]
    ) {
      assert.ok(tools.includes(name), `${name} in ${tools.join(", ")}`);
    }
    assert.ok(multi.servers.everything?.tools, "counts after listing");

    const echo = await multi.callTool({ name: "everything_echo", arguments: { message: "hi" } });
    assert.deepEqual(echo.content, [{ type: "text", text: "Echo: hi" }]);
    const remote = await multi.callTool({
      name: "everything-http_echo",
      arguments: { message: "far" },
    });
    assert.deepEqual(remote.content, [{ type: "text", text: "Echo: far" }]);

    await multi.callTool({
      name: "memory_create_entities",
      arguments: {
        entities: [{ name: "Ada", entityType: "person", observations: ["wrote programs"] }],
      },
    });
    const graph = await multi.callTool({ name: "memory_read_graph", arguments: {} });
    assert.match(JSON.stringify(graph.content), /wrote programs/);

    const file = await multi.callTool({
      name: "files_read_text_file",
      arguments: { path: join(dir, "notes.txt") },
    });
    assert.match(JSON.stringify(file.content), /hello from the filesystem/);

    const resources = (await multi.listResources()).resources.map((r) => r.uri);
    const own = resources.find((uri) => uri.startsWith("demo://everything/"));
    assert.ok(own, resources.join(", "));
    assert.ok(resources.some((uri) => uri.startsWith("demo://everything-http/")));
    const read = await multi.readResource({ uri: own });
    assert.equal(read.contents[0]?.uri, own);
  });

  it("keeps the others working when one server process dies", async () => {
    const transports = new Map<string, { pid?: number }>();
    await using multi = new MultiServerClient(config, {
      ...quiet,
      onWarning: () => {},
      createTransport: async (name, entry) => {
        const transport = await createServerTransport(name, entry, quiet);
        transports.set(name, transport as { pid?: number });
        return transport;
      },
    });
    await multi.connect();
    const transport = transports.get("memory");
    assert.ok(transport?.pid, "memory runs as a process");
    process.kill(transport.pid, "SIGKILL");
    const until = Date.now() + 10_000;
    while (multi.servers.memory?.state !== "failed" && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(multi.servers.memory?.state, "failed");
    assert.ok(multi.servers.memory?.error instanceof ConnectionError);
    const echo = await multi.callTool({ name: "everything_echo", arguments: { message: "still" } });
    assert.deepEqual(echo.content, [{ type: "text", text: "Echo: still" }]);
    const err = await multi.callTool({ name: "memory_read_graph", arguments: {} }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof ConnectionError);
    assert.match(err.message, /^server 'memory' \(`.+`\) was killed by SIGKILL/);
  });

  // Servers are kept alive between `await using` blocks (keepAlive), so these tests close()
  // the client themselves.
  it("works as new Client(config) in core, prefixed", async () => {
    const client = new Client(config, { ...quiet, onWarning: () => {} });
    try {
      const tools = (await client.listTools()).map((t) => t.name);
      assert.ok(tools.includes("files_list_allowed_directories"), tools.join(", "));
      const result = await client.callTool("everything_get-sum", { a: 2, b: 3 });
      assert.match(JSON.stringify(result.content), /5/);
    } finally {
      await client.close();
    }
  });

  it("connects a single-server config directly, unprefixed", async () => {
    const single = { mcpServers: { files: config.mcpServers.files as object } };
    const client = new Client(single, quiet);
    try {
      const tools = (await client.listTools()).map((t) => t.name);
      assert.ok(tools.includes("list_allowed_directories"), tools.join(", "));
      assert.equal(client.initializeResult?.serverInfo?.name, "secure-filesystem-server");
      const listed = await client.callTool("list_allowed_directories", {});
      assert.ok(JSON.stringify(listed.content).includes(JSON.stringify(dir).slice(1, -1)));
    } finally {
      await client.close();
    }
  });
});
