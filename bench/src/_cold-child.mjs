// One cold start in a fresh process, plain JavaScript so no loader adds to the time: import the
// client library, spawn the raw stdio server, initialize, first tool result; then print one JSON
// line with the timings (ms since the process started) and the resident memory the import added.
// Usage: node _cold-child.mjs <contender>   (env: MCPWIRE_BUNDLE, PEERS_PACKAGE, RAW_SERVER_SOURCE)
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import process from "node:process";
import { pathToFileURL } from "node:url";

const contender = process.argv[2];
const server = {
  command: process.execPath,
  args: ["--input-type=module", "-e", process.env.RAW_SERVER_SOURCE],
};
const args = { a: 1, b: 2 };
const peer = async (id) => {
  const m = await import(pathToFileURL(createRequire(process.env.PEERS_PACKAGE).resolve(id)).href);
  return { ...m.default, ...m }; // a CommonJS entry puts its exports on default
};

const IMPORTS = {
  "hand-written floor": () => Promise.resolve({}),
  mcpwire: () => import(process.env.MCPWIRE_BUNDLE),
  "mcpwire (before)": () => import(process.env.MCPWIRE_BEFORE_BUNDLE),
  "SDK v2": async () => ({
    ...(await import("@modelcontextprotocol/client")),
    ...(await import("@modelcontextprotocol/client/stdio")),
  }),
  "SDK v1": async () => ({
    ...(await import("@modelcontextprotocol/sdk/client/index.js")),
    ...(await import("@modelcontextprotocol/sdk/client/stdio.js")),
  }),
  "mcp-use": () => peer("mcp-use/client"),
  LangChain: () => peer("@langchain/mcp-adapters"),
  Mastra: () => peer("@mastra/mcp"),
};

const FIRST_RESULT = {
  "hand-written floor": async () => {
    const child = spawn(server.command, server.args, { stdio: ["pipe", "pipe", "ignore"] });
    child.stdout.setEncoding("utf8");
    let buffer = "";
    const waiters = new Map();
    child.stdout.on("data", (text) => {
      buffer += text;
      for (let nl = buffer.indexOf("\n"); nl !== -1; nl = buffer.indexOf("\n")) {
        const m = JSON.parse(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
        waiters.get(m.id)?.(m.result);
      }
    });
    const send = (m) => child.stdin.write(JSON.stringify({ jsonrpc: "2.0", ...m }) + "\n");
    const request = (id, method, params) =>
      new Promise((resolve) => (waiters.set(id, resolve), send({ id, method, params })));
    await request(1, "initialize", {
      protocolVersion: "2025-06-18",
      capabilities: {},
      clientInfo: { name: "raw", version: "1" },
    });
    send({ method: "notifications/initialized" });
    const result = await request(2, "tools/call", { name: "add", arguments: args });
    return { result, close: () => child.stdin.end() };
  },
  mcpwire: async ({ Client, StdioTransport }) => {
    const client = await new Client(new StdioTransport({ ...server, stderr: "ignore" }), {
      keepAlive: false,
    }).connect();
    return { result: await client.callTool("add", args), close: () => client.close() };
  },
  "mcpwire (before)": (lib) => FIRST_RESULT.mcpwire(lib),
  "SDK v2": async ({ Client, StdioClientTransport }) => {
    const client = new Client({ name: "bench", version: "1" });
    await client.connect(new StdioClientTransport({ ...server, stderr: "ignore" }));
    return {
      result: await client.callTool({ name: "add", arguments: args }),
      close: () => client.close(),
    };
  },
  "SDK v1": async ({ Client, StdioClientTransport }) => {
    const client = new Client({ name: "bench", version: "1" });
    await client.connect(new StdioClientTransport({ ...server, stderr: "ignore" }));
    return {
      result: await client.callTool({ name: "add", arguments: args }),
      close: () => client.close(),
    };
  },
  "mcp-use": async ({ MCPClient }) => {
    const client = MCPClient.fromDict({ mcpServers: { s: server } });
    const session = await client.createSession("s");
    return { result: await session.callTool("add", args), close: () => client.closeAllSessions() };
  },
  LangChain: async ({ MultiServerMCPClient }) => {
    const client = new MultiServerMCPClient({
      mcpServers: { s: { transport: "stdio", ...server } },
    });
    const tools = await client.getTools();
    const add = tools.find((t) => t.name.endsWith("add"));
    return { result: await add.invoke(args), close: () => client.close() };
  },
  Mastra: async ({ MCPClient }) => {
    const client = new MCPClient({ id: "cold", servers: { s: server } });
    const tools = await client.listTools();
    return { result: await tools.s_add.execute(args, {}), close: () => client.disconnect() };
  },
};

const rssBefore = process.memoryUsage().rss;
const importStart = performance.now();
const lib = await IMPORTS[contender]();
const importEnd = performance.now();
const rssAfter = process.memoryUsage().rss;
const { result, close } = await FIRST_RESULT[contender](lib);
const firstResult = performance.now();
if (!JSON.stringify(result).includes("3")) {
  throw new Error(`wrong result ${JSON.stringify(result)}`);
}
process.stdout.write(
  JSON.stringify({
    contender,
    importMs: importEnd - importStart,
    importRssMb: (rssAfter - rssBefore) / 2 ** 20,
    firstResultMs: firstResult,
    processStartMs: importStart,
  }) + "\n",
);
await close();
process.exit(0);
