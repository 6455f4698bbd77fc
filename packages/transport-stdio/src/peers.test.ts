// Real reference servers over stdio, started from node_modules with the caller's runtime.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Client } from "@modelcontextprotocol/client";
import { createFileTransport } from "./file-transport.ts";
import { eventually } from "@mcpwire/testing";
import { connectClient, REPO_ROOT } from "./_test_util.ts";

const PEERS = join(REPO_ROOT, "node_modules/@modelcontextprotocol");
type Text = { content: { type: string; text: string }[]; isError?: boolean };
const text = (result: unknown) => (result as Text).content.map((c) => c.text).join("\n");

async function toolNames(client: Client): Promise<string[]> {
  return (await client.listTools()).tools.map((t) => t.name);
}

describe("server-everything over stdio", () => {
  let client: Client;
  const logs: unknown[] = [];
  const updates: string[] = [];

  before(async () => {
    const transport = createFileTransport(join(PEERS, "server-everything/dist/index.js"), {
      args: ["stdio"],
      stderr: "ignore",
    });
    client = await connectClient(transport, {
      capabilities: { sampling: {}, elicitation: { form: {} }, roots: { listChanged: true } },
    });
    client.setRequestHandler("sampling/createMessage", () => ({
      model: "test-model",
      role: "assistant",
      content: { type: "text", text: "sampled reply" },
    }));
    client.setRequestHandler("elicitation/create", () => ({
      action: "accept",
      content: { name: "Ada" },
    }));
    client.setRequestHandler("roots/list", () => ({
      roots: [{ uri: "file:///tmp/mcpwire-root", name: "the-root" }],
    }));
    client.setNotificationHandler("notifications/message", (n) => void logs.push(n.params));
    client.setNotificationHandler(
      "notifications/resources/updated",
      (n) => void updates.push(n.params.uri),
    );
  });

  after(async () => {
    await client?.close();
  });

  it("lists and calls tools", async () => {
    const names = await toolNames(client);
    for (const name of ["echo", "get-sum", "get-structured-content", "get-tiny-image"]) {
      assert.ok(names.includes(name), name);
    }
    assert.match(text(await client.callTool({ name: "echo", arguments: { message: "hi" } })), /hi/);
    const sum = await client.callTool({ name: "get-sum", arguments: { a: 2, b: 40 } });
    assert.match(text(sum), /42/);
    const image = await client.callTool({ name: "get-tiny-image", arguments: {} });
    assert.ok((image.content as { type: string }[]).some((c) => c.type === "image"));
  });

  it("lists and reads resources and templates", async () => {
    const { resources } = await client.listResources();
    assert.ok(resources.length > 0);
    const read = await client.readResource({ uri: resources[0]!.uri });
    assert.equal(read.contents[0]!.uri, resources[0]!.uri);
    const { resourceTemplates } = await client.listResourceTemplates();
    assert.ok(resourceTemplates.some((t) => t.uriTemplate.includes("{")));
    const dynamic = await client.readResource({ uri: "demo://resource/dynamic/text/1" });
    assert.ok(dynamic.contents.length > 0);
  });

  it("lists and gets prompts", async () => {
    const { prompts } = await client.listPrompts();
    assert.ok(prompts.some((p) => p.name === "args-prompt"));
    const prompt = await client.getPrompt({ name: "args-prompt", arguments: { city: "Lyon" } });
    assert.match(JSON.stringify(prompt.messages), /Lyon/);
  });

  it("answers sampling, elicitation and roots requests from the server", async () => {
    assert.equal(await pollTools(client, ["trigger-sampling-request", "get-roots-list"]), true);
    const sampled = await client.callTool({
      name: "trigger-sampling-request",
      arguments: { prompt: "hello", maxTokens: 10 },
    });
    assert.match(text(sampled), /sampled reply/);
    const elicited = await client.callTool({ name: "trigger-elicitation-request", arguments: {} });
    assert.match(text(elicited), /Ada/);
    const roots = await client.callTool({ name: "get-roots-list", arguments: {} });
    assert.match(text(roots), /mcpwire-root/);
  });

  it("receives log messages and resource updates", async () => {
    await client.setLoggingLevel("debug");
    await client.callTool({ name: "toggle-simulated-logging", arguments: {} });
    assert.equal(await eventually(() => logs.length > 0), true, "a log message arrived");
    const uri = "demo://resource/static/document/architecture.md";
    await client.subscribeResource({ uri });
    await client.callTool({ name: "toggle-subscriber-updates", arguments: {} });
    assert.equal(await eventually(() => updates.includes(uri)), true, "an update arrived");
    await client.unsubscribeResource({ uri });
  });

  it("delivers every progress notification of 20 long-running calls, up to the total", async () => {
    const seen: { progress: number; total?: number }[][] = Array.from({ length: 20 }, () => []);
    await Promise.all(seen.map((log) =>
      client.callTool(
        { name: "trigger-long-running-operation", arguments: { duration: 0.1, steps: 5 } },
        { onprogress: (p) => void log.push(p) },
      )
    ));
    for (const log of seen) {
      assert.deepEqual(log.map((p) => p.progress), [1, 2, 3, 4, 5]);
      assert.equal(log.at(-1)?.total, 5);
    }
  });
});

async function pollTools(client: Client, wanted: string[]): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    const names = await toolNames(client);
    if (wanted.every((w) => names.includes(w))) return true;
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  return false;
}

describe("server-filesystem and server-memory over stdio", () => {
  it("server-filesystem allows the directory the client's roots name, not its arguments", async () => {
    const allowed = realpathSync(mkdtempSync(join(tmpdir(), "mcpwire-fs-root-")));
    const other = realpathSync(mkdtempSync(join(tmpdir(), "mcpwire-fs-arg-")));
    writeFileSync(join(other, "secret.txt"), "not for you");
    const transport = createFileTransport(join(PEERS, "server-filesystem/dist/index.js"), {
      args: [other],
      stderr: "ignore",
    });
    const client = await connectClient(transport, {
      capabilities: { roots: { listChanged: true } },
    });
    try {
      client.setRequestHandler("roots/list", () => ({
        roots: [{ uri: pathToFileURL(allowed).href, name: "allowed" }],
      }));
      await client.sendRootsListChanged();
      const listed = async () =>
        text(await client.callTool({ name: "list_allowed_directories", arguments: {} }));
      for (let i = 0; i < 100 && !(await listed()).includes(allowed); i++) {
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      assert.match(await listed(), new RegExp(allowed));
      const file = join(allowed, "note.txt");
      await client.callTool({ name: "write_file", arguments: { path: file, content: "hello" } });
      assert.equal(readFileSync(file, "utf8"), "hello");
      const outside = await client.callTool({
        name: "read_text_file",
        arguments: { path: join(other, "secret.txt") },
      });
      assert.equal(outside.isError, true);
    } finally {
      await client.close();
      rmSync(allowed, { recursive: true, force: true });
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("server-memory stores its graph in MEMORY_FILE_PATH", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpwire-memory-"));
    const memoryFile = join(dir, "memory.jsonl");
    const transport = createFileTransport(join(PEERS, "server-memory/dist/index.js"), {
      env: { MEMORY_FILE_PATH: memoryFile },
      stderr: "ignore",
    });
    const client = await connectClient(transport);
    try {
      await client.callTool({
        name: "create_entities",
        arguments: {
          entities: [{ name: "Ada", entityType: "person", observations: ["wrote programs"] }],
        },
      });
      const graph = await client.callTool({ name: "read_graph", arguments: {} });
      assert.match(text(graph), /Ada/);
      assert.match(readFileSync(memoryFile, "utf8"), /"name":"Ada"/);
    } finally {
      await client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
