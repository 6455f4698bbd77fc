// Time to connect N stdio servers from one config (N = 1, 5, 10, 20), and 10 servers that each take
// 250 ms to answer `initialize`: mcpwire's MultiServerClient and `new Client(config)` against a
// hand-written floor (plain child processes, a minimal handshake, all in parallel), the SDK v2
// client with Promise.all, and the peers' multi-server clients when bench/peers is installed.
// Contenders are interleaved round by round (order rotated); medians. A second table: one server
// that never answers `initialize` among ten, and the time until a call to a healthy one returns.
// Run: node --conditions=@mcpwire/source --import tsx bench/src/multi-server.ts
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, totalmem } from "node:os";
import { pathToFileURL } from "node:url";
import { Client as SdkClient } from "@modelcontextprotocol/client";
import { Client } from "@mcpwire/core";
import { MultiServerClient } from "@mcpwire/config";
import { defaultEnvironment, StdioTransport } from "@mcpwire/transport-stdio";
import { RawPipeClient } from "./_raw-client.ts";
import { RAW_SERVER_SOURCE } from "./_raw-server.ts";
import { median } from "./_stats.ts";

process.env.MCP_USE_ANONYMIZED_TELEMETRY = "false";
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SIZES = [1, 5, 10, 20];
const SLOW_N = 10;
const SLOW_MS = 250;
const SLOW_SOURCE = RAW_SERVER_SOURCE.replace(
  'process.stdout.write(JSON.stringify({ jsonrpc: "2.0", id: m.id, result: answer(m) }) + "\\n");',
  `const reply = () => process.stdout.write(JSON.stringify({ jsonrpc: "2.0", id: m.id, result: answer(m) }) + "\\n");
  if (m.method === "initialize") setTimeout(reply, ${SLOW_MS}); else reply();`,
);
if (SLOW_SOURCE === RAW_SERVER_SOURCE) throw new Error("could not build the slow server");

interface Server {
  command: string;
  args: string[];
}
type Servers = Record<string, Server>;
interface Contender {
  name: string;
  how: string;
  /** Connects every server; resolves with a function that closes them. */
  connect(servers: Servers): Promise<() => Promise<void>>;
}
interface Case {
  label: string;
  servers: Servers;
}

function serversOf(n: number, source: string): Servers {
  const servers: Servers = {};
  for (let i = 0; i < n; i++) {
    servers[`s${i}`] = { command: process.execPath, args: ["--input-type=module", "-e", source] };
  }
  return servers;
}

const contenders: Contender[] = [
  {
    name: "hand-written floor",
    how: "spawn + initialize + initialized, Promise.all",
    async connect(servers) {
      const env = defaultEnvironment();
      const clients = Object.values(servers).map((s) => new RawPipeClient(s.command, s.args, env));
      await Promise.all(clients.map((c) => c.initialize()));
      return async () => void await Promise.all(clients.map((c) => c.close()));
    },
  },
  {
    name: "SDK v2 Client × N",
    how: "Promise.all(connect) over mcpwire StdioTransport",
    async connect(servers) {
      const clients = await Promise.all(
        Object.values(servers).map(async (s) => {
          const client = new SdkClient({ name: "bench", version: "1" });
          await client.connect(new StdioTransport({ ...s, stderr: "ignore" }));
          return client;
        }),
      );
      return async () => void await Promise.all(clients.map((c) => c.close()));
    },
  },
  {
    name: "mcpwire MultiServerClient",
    how: "connect()",
    async connect(servers) {
      const multi = new MultiServerClient({ mcpServers: servers }, { stderr: "ignore" });
      await multi.connect();
      return () => multi.close();
    },
  },
  {
    name: "mcpwire new Client(config)",
    how: "connect(): one core Client per server",
    async connect(servers) {
      const client = new Client({ mcpServers: servers }, { stderr: "ignore" });
      await client.connect();
      return () => client.close();
    },
  },
];

async function loadPeers(): Promise<{ contenders: Contender[]; notes: string[] }> {
  const notes: string[] = [];
  const found: Contender[] = [];
  const require = createRequire(new URL("../peers/package.json", import.meta.url));
  const load = async (id: string) => await import(pathToFileURL(require.resolve(id)).href);
  try {
    const { MultiServerMCPClient } = await load("@langchain/mcp-adapters");
    found.push({
      name: "LangChain MultiServerMCPClient",
      how: "initializeConnections() (connects and lists tools)",
      async connect(servers) {
        const mcpServers = Object.fromEntries(
          Object.entries(servers).map(([k, s]) => [k, { transport: "stdio", ...s }]),
        );
        const client = new MultiServerMCPClient({ mcpServers });
        await client.initializeConnections();
        return () => client.close();
      },
    });
  } catch (error) {
    notes.push(`LangChain adapters not measured: ${(error as Error).message.split("\n")[0]}`);
  }
  try {
    const { MCPClient } = await load("@mastra/mcp");
    let id = 0;
    found.push({
      name: "Mastra MCPClient",
      how: "listTools() (connects and lists tools)",
      async connect(servers) {
        const client = new MCPClient({ id: `bench-${++id}`, servers });
        await client.listTools();
        return () => client.disconnect();
      },
    });
  } catch (error) {
    notes.push(`Mastra not measured: ${(error as Error).message.split("\n")[0]}`);
  }
  try {
    const { MCPClient } = await load("mcp-use/client");
    found.push({
      name: "mcp-use MCPClient",
      how: "createAllSessions()",
      async connect(servers) {
        const client = MCPClient.fromDict({ mcpServers: servers });
        await client.createAllSessions();
        return () => client.closeAllSessions();
      },
    });
  } catch (error) {
    notes.push(`mcp-use not measured: ${(error as Error).message.split("\n")[0]}`);
  }
  return { contenders: found, notes };
}

async function timeOnce(contender: Contender, servers: Servers): Promise<number> {
  const started = performance.now();
  const close = await contender.connect(servers);
  const elapsed = performance.now() - started;
  await close();
  await childrenGone();
  return elapsed;
}

/** How many child processes are running, other than tsx's esbuild service and `ps` itself. */
function serverChildren(): number {
  try {
    const out = execFileSync("ps", ["-o", "args=", "--ppid", String(process.pid)], {
      encoding: "utf8",
    });
    return out.split("\n").filter((line) => line.trim() && !/esbuild|^ps /.test(line.trim()))
      .length;
  } catch {
    return 0; // ps exits with 1 when there is no child at all
  }
}

/** Waits until every server process of the last contender has exited, so none steals CPU. */
async function childrenGone(): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    if (serverChildren() === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}

// --- one hung server among ten: time to the first call on a healthy one ---

const HUNG_N = 10;
/** How long a contender may take before the hung row records it as capped. */
const HUNG_CAP_MS = Number(process.env.HUNG_CAP_MS ?? 15_000);
/** A server that reads its input and never answers. */
const HUNG_SOURCE = "process.stdin.resume();";

interface FirstCall {
  name: string;
  how: string;
  /** Calls `add` on `target`; resolves with a function that closes everything. */
  call(servers: Servers, target: string, signal: AbortSignal): Promise<() => Promise<void>>;
}

function hungServers(): Servers {
  const servers = serversOf(HUNG_N - 1, RAW_SERVER_SOURCE);
  servers.hung = { command: process.execPath, args: ["--input-type=module", "-e", HUNG_SOURCE] };
  return servers;
}

const firstCalls: FirstCall[] = [
  {
    name: "hand-written floor",
    how: "spawn all, initialize and call the target only",
    async call(servers, target) {
      const env = defaultEnvironment();
      const clients = new Map(
        Object.entries(servers).map(([k, s]) => [k, new RawPipeClient(s.command, s.args, env)]),
      );
      const own = clients.get(target)!;
      await own.initialize();
      await own.request("tools/call", { name: "add", arguments: { a: 1, b: 2 } });
      return async () => void await Promise.all([...clients.values()].map((c) => c.close()));
    },
  },
  {
    name: "mcpwire new Client(config)",
    how: "callTool('s0_add') (routed: waits for s0 only)",
    async call(servers, target) {
      const client = new Client({ mcpServers: servers }, { stderr: "ignore", onWarning: () => {} });
      await client.callTool(`${target}_add`, { a: 1, b: 2 });
      return () => client.close();
    },
  },
  {
    name: "mcpwire MultiServerClient",
    how: "callTool({ name: 's0_add' })",
    async call(servers, target) {
      const multi = new MultiServerClient({ mcpServers: servers }, {
        stderr: "ignore",
        onWarning: () => {},
      });
      await multi.callTool({ name: `${target}_add`, arguments: { a: 1, b: 2 } });
      return () => multi.close();
    },
  },
  {
    name: "SDK v2 Client × N",
    how: "Promise.all(connect), then callTool",
    async call(servers, target, signal) {
      const clients = new Map(
        Object.keys(servers).map((k) => [k, new SdkClient({ name: "bench", version: "1" })]),
      );
      const close = async () => void await Promise.all([...clients.values()].map((c) => c.close()));
      signal.addEventListener("abort", () => void close());
      await Promise.all(
        Object.entries(servers).map(([k, s]) =>
          clients.get(k)!.connect(new StdioTransport({ ...s, stderr: "ignore" }))
        ),
      );
      await clients.get(target)!.callTool({ name: "add", arguments: { a: 1, b: 2 } });
      return close;
    },
  },
];

async function loadPeerFirstCalls(): Promise<FirstCall[]> {
  const require = createRequire(new URL("../peers/package.json", import.meta.url));
  const load = async (id: string) => await import(pathToFileURL(require.resolve(id)).href);
  const found: FirstCall[] = [];
  try {
    const { MultiServerMCPClient } = await load("@langchain/mcp-adapters");
    found.push({
      name: "LangChain MultiServerMCPClient",
      how: "getTools(), then invoke s0__add",
      async call(servers, target, signal) {
        const mcpServers = Object.fromEntries(
          Object.entries(servers).map(([k, s]) => [k, { transport: "stdio", ...s }]),
        );
        const client = new MultiServerMCPClient({ mcpServers });
        signal.addEventListener("abort", () => void client.close().catch(() => {}));
        const tools = await client.getTools();
        const tool = tools.find((t: { name: string }) =>
          t.name.startsWith(target) && t.name.endsWith("add")
        );
        await tool.invoke({ a: 1, b: 2 });
        return () => client.close();
      },
    });
  } catch { /* noted in the connect table */ }
  try {
    const { MCPClient } = await load("mcp-use/client");
    found.push({
      name: "mcp-use MCPClient",
      how: "createAllSessions(), then callTool on s0",
      async call(servers, target, signal) {
        const client = MCPClient.fromDict({ mcpServers: servers });
        signal.addEventListener("abort", () => void client.closeAllSessions().catch(() => {}));
        await client.createAllSessions();
        await client.getSession(target).connector.callTool("add", { a: 1, b: 2 });
        return () => client.closeAllSessions();
      },
    });
  } catch { /* noted in the connect table */ }
  return found;
}

/** Time to the first call, or `undefined` when it took longer than the cap. */
async function firstCallOnce(c: FirstCall, servers: Servers): Promise<number | undefined> {
  const abort = new AbortController();
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const capped = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), HUNG_CAP_MS);
  });
  const attempt = c.call(servers, "s0", abort.signal).then((close) => ({ close }));
  const outcome = await Promise.race([attempt, capped]);
  const elapsed = performance.now() - started;
  clearTimeout(timer);
  if (outcome) await outcome.close();
  else abort.abort();
  attempt.then((o) => o.close(), () => {}).catch(() => {});
  await childrenGone();
  return outcome ? elapsed : undefined;
}

async function hungTable(peers: boolean): Promise<string> {
  const only = new RegExp(process.env.CONTENDERS ?? ".", "i");
  const all = [...firstCalls, ...(peers ? await loadPeerFirstCalls() : [])]
    .filter((c, i) => i === 0 || only.test(c.name));
  const times = new Map<FirstCall, number[]>();
  const capped = new Map<FirstCall, number>();
  const servers = hungServers();
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of all.map((_, i) => all[(i + round) % all.length]!)) {
      try {
        const ms = await firstCallOnce(c, servers);
        if (ms === undefined) capped.set(c, (capped.get(c) ?? 0) + 1);
        else times.set(c, [...(times.get(c) ?? []), ms]);
      } catch (error) {
        console.error(`${c.name}, hung row: ${(error as Error).message}`);
      }
    }
    console.error(`hung row: round ${round + 1}/${ROUNDS} done`);
  }
  const rows = all.map((c) => {
    const xs = times.get(c) ?? [];
    const cap = capped.get(c) ?? 0;
    const cell = cap > xs.length
      ? `> ${HUNG_CAP_MS} ms (capped in ${cap} of ${cap + xs.length} rounds)`
      : xs.length
      ? `${median(xs).toFixed(0)} ms${cap ? ` (${cap} rounds capped)` : ""}`
      : "—";
    return `| ${c.name} | ${c.how} | ${cell} |`;
  });
  return [
    `### One hung server among ${HUNG_N}: time to the first call on a healthy one`,
    "",
    `${HUNG_N - 1} minimal stdio servers and one (\`hung\`) that never answers \`initialize\`; the`,
    "time from creating the client until a call of `add` on `s0` returns, with each library's",
    `natural path to that call. A contender still waiting after ${HUNG_CAP_MS} ms is capped`,
    `(stopped and recorded as such). Medians of ${ROUNDS} rounds, order rotated.`,
    "",
    "| contender | how | first call on a healthy server |",
    "| --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}

async function main(): Promise<void> {
  const peers = process.env.PEERS === "0" ? { contenders: [], notes: [] } : await loadPeers();
  // CONTENDERS=<regex> and CASES=<regex> narrow a run (the floor always runs).
  const only = new RegExp(process.env.CONTENDERS ?? ".", "i");
  const all = [...contenders, ...peers.contenders].filter((c, i) => i === 0 || only.test(c.name));
  const cases: Case[] = [
    ...SIZES.map((n) => ({ label: `${n}`, servers: serversOf(n, RAW_SERVER_SOURCE) })),
    { label: `${SLOW_N} × ${SLOW_MS} ms init`, servers: serversOf(SLOW_N, SLOW_SOURCE) },
  ].filter((k) => new RegExp(process.env.CASES ?? ".").test(k.label));
  const times = new Map<string, number[]>();
  const ratios = new Map<string, number[]>();
  const key = (c: Contender, k: Case) => `${c.name}\u0000${k.label}`;
  const push = (map: Map<string, number[]>, at: string, x: number) =>
    map.set(at, [...(map.get(at) ?? []), x]);
  for (const c of all) await timeOnce(c, serversOf(1, RAW_SERVER_SOURCE)); // warm up imports
  for (let round = 0; round < ROUNDS; round++) {
    for (const k of cases) {
      const order = all.map((_, i) => all[(i + round) % all.length]!);
      const thisRound = new Map<Contender, number>();
      for (const c of order) {
        try {
          const ms = await timeOnce(c, k.servers);
          thisRound.set(c, ms);
          push(times, key(c, k), ms);
        } catch (error) {
          console.error(`${c.name}, ${k.label}: ${(error as Error).message}`);
        }
      }
      const floorMs = thisRound.get(all[0]!);
      for (const [c, ms] of thisRound) if (floorMs) push(ratios, key(c, k), ms / floorMs);
    }
    console.error(`round ${round + 1}/${ROUNDS} done`);
  }
  const floor = all[0]!;
  const header = `| contender | how | ${cases.map((k) => `${k.label} servers`).join(" | ")} |`;
  const rows = all.map((c) => {
    const cells = cases.map((k) => {
      const xs = times.get(key(c, k));
      if (!xs?.length) return "—";
      const ms = median(xs);
      const ratio = median(ratios.get(key(c, k)) ?? [NaN]);
      return c === floor ? `${ms.toFixed(0)} ms` : `${ms.toFixed(0)} ms (${ratio.toFixed(2)}×)`;
    });
    return `| ${c.name} | ${c.how} | ${cells.join(" | ")} |`;
  });
  const hung = process.env.HUNG === "0" ? "" : await hungTable(peers.contenders.length > 0);
  const cpu = cpus();
  const markdown = [
    "## Connecting many stdio servers from one config",
    "",
    `Time from the start of connecting until every server has answered \`initialize\`, for N minimal`,
    `stdio servers (\`node -e\`, newline JSON, one tool), and for ${SLOW_N} servers that each wait`,
    `${SLOW_MS} ms before answering \`initialize\`. Contenders interleaved round by round (order rotated),`,
    `medians of ${ROUNDS} rounds; in parentheses the median of the per-round ratios to the floor`,
    "(each contender against the floor measured in the same round, which cancels most load drift).",
    "Peers that also list tools while connecting say so in the *how* column. Peers: LangChain",
    "`@langchain/mcp-adapters` 1.1.4, Mastra `@mastra/mcp` 2.0.0, mcp-use 1.34.6 (bench/peers),",
    "each with its defaults.",
    "",
    header,
    `| --- | --- | ${cases.map(() => "---").join(" | ")} |`,
    ...rows,
    "",
    ...peers.notes.map((note) => `Note: ${note}.`),
    "",
    hung,
    `Machine: ${cpu.length} × ${cpu[0]?.model.trim()}, ${
      (totalmem() / 2 ** 30).toFixed(1)
    } GiB, Node ${process.version}.`,
    `Date: ${new Date().toISOString().slice(0, 10)}. NODE_EXTRA_CA_CERTS was ${
      process.env.NODE_EXTRA_CA_CERTS ? "set" : "not set"
    }.`,
    "The machine is shared with other work; absolute figures vary between runs, ratios less.",
    "",
    "Command: `node --conditions=@mcpwire/source --import tsx bench/src/multi-server.ts`",
    "",
  ].join("\n");
  console.log(markdown);
  if (!process.env.CONTENDERS && !process.env.CASES) {
    writeFileSync(new URL("../results/multi-server.md", import.meta.url), markdown);
  }
}

await main();
