// deno-lint-ignore-file no-explicit-any -- the peers are loaded untyped from bench/peers
// Every stdio client contender behind one shape: open a session to a stdio server, call the tool
// `add`, close. The floor, mcpwire, SDK v2 and SDK v1 are always here (SDK v1 is a root dev
// dependency); LangChain, Mastra and mcp-use come from bench/peers when it is installed.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Client as SdkClient } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { Client as V1Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport as V1StdioTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { Client } from "@mcpwire/core";
import { defaultEnvironment, StdioTransport } from "@mcpwire/transport-stdio";
import { RawPipeClient } from "./_raw-client.ts";
import { BEFORE_NAME, BEFORE_REF, beforeStdio } from "./_before.ts";

process.env.MCP_USE_ANONYMIZED_TELEMETRY = "false";

/** A stdio server to start. */
export interface ServerSpec {
  command: string;
  args: string[];
  cwd?: string;
}

/** An open connection that can call `add`. */
export interface Session {
  call(i: number): Promise<unknown>;
  close(): Promise<void>;
}

/** One client library. */
export interface StdioContender {
  name: string;
  open(server: ServerSpec): Promise<Session>;
}

const args = (i: number) => ({ a: i, b: 1 });

/** The contenders that need nothing beyond `npm ci`. */
export const CORE_CONTENDERS: StdioContender[] = [
  {
    name: "hand-written floor",
    async open(s) {
      const raw = new RawPipeClient(s.command, s.args, defaultEnvironment());
      await raw.initialize();
      return {
        call: (i) => raw.request("tools/call", { name: "add", arguments: args(i) }),
        close: () => raw.close(),
      };
    },
  },
  {
    name: "mcpwire",
    async open(s) {
      const transport = new StdioTransport({ ...s, stderr: "ignore" });
      const client = await new Client(transport, { keepAlive: false }).connect();
      await client.listTools();
      return { call: (i) => client.callTool("add", args(i)), close: () => client.close() };
    },
  },
  {
    name: "SDK v2",
    async open(s) {
      const client = new SdkClient({ name: "bench", version: "1" });
      await client.connect(new StdioClientTransport({ ...s, stderr: "ignore" }));
      await client.listTools(); // so it validates structured output, as mcpwire does
      return {
        call: (i) => client.callTool({ name: "add", arguments: args(i) }),
        close: () => client.close(),
      };
    },
  },
  {
    name: "SDK v1",
    async open(s) {
      const client = new V1Client({ name: "bench", version: "1" });
      await client.connect(new V1StdioTransport({ ...s, stderr: "ignore" }));
      await client.listTools();
      return {
        call: (i) => client.callTool({ name: "add", arguments: args(i) }),
        close: () => client.close(),
      };
    },
  },
];

/** "mcpwire (before)": the old core over the old transport (MCPWIRE_BEFORE, see _before.ts). */
export async function beforeContenders(): Promise<StdioContender[]> {
  let old;
  try {
    old = await beforeStdio();
  } catch (error) {
    // A comparison that was asked for and cannot be made fails the run: a row left out quietly
    // reads like a run without MCPWIRE_BEFORE (how the old tree's failure on Deno went unseen).
    throw new Error(`MCPWIRE_BEFORE=${BEFORE_REF}: the old tree did not load`, { cause: error });
  }
  if (!old) return [];
  return [{
    name: BEFORE_NAME,
    async open(s) {
      const transport = new old.StdioTransport({ ...s, stderr: "ignore" });
      const client = await new old.Client(transport, { keepAlive: false }).connect();
      await client.listTools();
      return { call: (i) => client.callTool("add", args(i)), close: () => client.close() };
    },
  }];
}

const PEERS_PACKAGE = new URL("../peers/package.json", import.meta.url);

/** Loads a module from bench/peers/node_modules. */
export async function loadPeer(id: string): Promise<Record<string, any>> {
  const require = createRequire(PEERS_PACKAGE);
  return await import(pathToFileURL(require.resolve(id)).href);
}

let serial = 0;

/** The peers that load from bench/peers; `notes` says which did not and why. */
export async function peerContenders(): Promise<
  { contenders: StdioContender[]; notes: string[] }
> {
  const contenders: StdioContender[] = [];
  const notes: string[] = [];
  const tryLoad = async (label: string, id: string, make: (m: any) => StdioContender) => {
    try {
      contenders.push(make(await loadPeer(id)));
    } catch (error) {
      notes.push(`${label} not measured: ${(error as Error).message.split("\n")[0]}`);
    }
  };
  await tryLoad("mcp-use", "mcp-use/client", ({ MCPClient }) => ({
    name: "mcp-use",
    async open(s) {
      const client = MCPClient.fromDict({ mcpServers: { s } });
      const session = await client.createSession("s");
      return {
        call: (i) => session.callTool("add", args(i)),
        close: () => client.closeAllSessions(),
      };
    },
  }));
  await tryLoad("LangChain", "@langchain/mcp-adapters", ({ MultiServerMCPClient }) => ({
    name: "LangChain",
    async open(s) {
      const client = new MultiServerMCPClient({ mcpServers: { s: { transport: "stdio", ...s } } });
      const tools = await client.getTools();
      const add = tools.find((t: { name: string }) => t.name.endsWith("add"));
      return { call: (i) => add.invoke(args(i)), close: () => client.close() };
    },
  }));
  await tryLoad("Mastra", "@mastra/mcp", ({ MCPClient }) => ({
    name: "Mastra",
    async open(s) {
      const client = new MCPClient({ id: `bench-${process.pid}-${++serial}`, servers: { s } });
      const tools = await client.listTools();
      const add = tools["s_add"];
      return { call: (i) => add.execute(args(i), {}), close: () => client.disconnect() };
    },
  }));
  return { contenders, notes };
}
