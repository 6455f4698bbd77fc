// A REST server over an MCP upstream that answers at once, for rest-binding.ts: either the binding
// (`createRestApp` + `serve` from the given bindings-rest sources, today's or an older ref's) or
// the ceiling (_ceiling-server.mjs, as _rest-ceiling.mjs serves it).
// The upstream is an in-process transport handing core each answer in the next macrotask (every
// answer of a turn in one), so what this process spends per request is HTTP + binding (or
// ceiling) + core's client, with no MCP server process and no pipe between.
// Prints `listening on <url>` on stderr once it answers; tool `add`, POST `{"a":1,"b":1}`.
// Run: node --conditions=@mcpwire/source --import tsx bench/src/rest-instant.mjs binding <bindings-rest/src/mod.ts>
//      node --conditions=@mcpwire/source --import tsx bench/src/rest-instant.mjs ceiling
import process from "node:process";
import { pathToFileURL } from "node:url";
import { Client } from "@mcpwire/core";
import { serveCeiling } from "./_ceiling-server.mjs";

const DONE = Promise.resolve();
const TOOL = {
  name: "add",
  inputSchema: {
    type: "object",
    properties: { a: { type: "number" }, b: { type: "number" } },
    required: ["a", "b"],
  },
  outputSchema: { type: "object", properties: { sum: { type: "number" } }, required: ["sum"] },
};

/** A core transport whose server answers every request in the next macrotask. */
class InstantTransport {
  onmessage;
  onclose;
  onerror;
  #out = [];
  #flush = () => {
    const out = this.#out;
    this.#out = [];
    for (const message of out) this.onmessage?.(message);
  };

  start() {
    return DONE;
  }

  close() {
    this.onclose?.();
    return DONE;
  }

  send(message) {
    if (message.id === undefined || message.method === undefined) return DONE;
    if (this.#out.length === 0) setImmediate(this.#flush);
    this.#out.push({ jsonrpc: "2.0", id: message.id, result: answer(message) });
    return DONE;
  }
}

function answer({ method, params }) {
  if (method === "initialize") {
    return {
      protocolVersion: params.protocolVersion,
      capabilities: { tools: {} },
      serverInfo: { name: "instant", version: "1.0.0" },
    };
  }
  if (method === "tools/list") return { tools: [TOOL] };
  if (method === "tools/call") {
    const { a, b } = params.arguments;
    return { content: [{ type: "text", text: String(a + b) }], structuredContent: { sum: a + b } };
  }
  return {};
}

const [kind, mod] = process.argv.slice(2);
if (kind === "binding" && mod) {
  const { createRestApp, serve } = await import(pathToFileURL(mod).href);
  const app = createRestApp(new InstantTransport(), { name: "instant" });
  const server = await serve(app, { port: 0 });
  console.error(`listening on ${server.url}`);
  const stop = () => server.close().finally(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
} else if (kind === "ceiling") {
  const client = await new Client(new InstantTransport()).connect();
  await client.listTools();
  serveCeiling(client, "add");
} else {
  throw new Error("usage: rest-instant.mjs binding <bindings-rest/src/mod.ts> | ceiling");
}
