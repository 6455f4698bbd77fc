// Scenario 7: resident memory per open connection. Each contender runs in a fresh Node process
// (with --expose-gc): it opens one connection (so lazy modules and validators are loaded), then N
// more, and reports (RSS after − RSS before) / N and the same for the JS heap, after a GC each time.
// Stdio connections go to the raw server (its processes are not counted); HTTP sessions go to one
// server-everything process on 127.0.0.1.
// Env: CONNECTIONS (default 10), PEERS=0, ONLY=mcpwire,SDK v2 (contender names), BENCH_OUT. Run:
// node --conditions=@mcpwire/source --import tsx bench/src/memory.ts
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Client as SdkClient, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { Client as V1Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport as V1HttpTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Client } from "@mcpwire/core";
import { CORE_CONTENDERS, peerContenders, type Session } from "./_clients.ts";
import { rawServerCommand } from "./_raw-server.ts";
import { emit } from "./_stats.ts";
import { freePort } from "./_run.ts";

const N = Number(process.env.CONNECTIONS ?? 10);
const SELF = fileURLToPath(import.meta.url);

const HTTP: Record<string, (url: URL) => Promise<Session>> = {
  mcpwire: async (url) => {
    const client = await new Client(url.href).connect();
    return {
      call: (i) => client.callTool("echo", { message: `m${i}` }),
      close: () => client.close(),
    };
  },
  "SDK v2": async (url) => {
    const client = new SdkClient({ name: "bench", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(url));
    return {
      call: (i) => client.callTool({ name: "echo", arguments: { message: `m${i}` } }),
      close: () => client.close(),
    };
  },
  "SDK v1": async (url) => {
    const client = new V1Client({ name: "bench", version: "1" });
    await client.connect(new V1HttpTransport(url));
    return {
      call: (i) => client.callTool({ name: "echo", arguments: { message: `m${i}` } }),
      close: () => client.close(),
    };
  },
};

async function child(kind: string, name: string, url: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc!;
  let open: () => Promise<Session>;
  if (kind === "http") {
    open = () => HTTP[name]!(new URL(url));
  } else {
    const all = [...CORE_CONTENDERS, ...(await peerContenders()).contenders];
    const contender = all.find((c) => c.name === name)!;
    open = () => contender.open(rawServerCommand());
  }
  const first = await open();
  await first.call(1);
  const measure = async () => {
    for (let i = 0; i < 3; i++) gc(), await new Promise((r) => setTimeout(r, 20));
    const m = process.memoryUsage();
    return { rss: m.rss, heap: m.heapUsed + m.external };
  };
  const before = await measure();
  const sessions: Session[] = [];
  for (let i = 0; i < N; i++) {
    const s = await open();
    await s.call(i);
    sessions.push(s);
  }
  const after = await measure();
  console.log(JSON.stringify({
    rssMbPerConnection: (after.rss - before.rss) / N / 2 ** 20,
    heapMbPerConnection: (after.heap - before.heap) / N / 2 ** 20,
  }));
  for (const s of [first, ...sessions]) await s.close();
  process.exit(0);
}

async function main(): Promise<void> {
  const port = await freePort();
  const everything = fileURLToPath(
    import.meta.resolve("@modelcontextprotocol/server-everything/dist/index.js"),
  );
  const server = spawn(process.execPath, [everything, "streamableHttp"], {
    env: { ...process.env, PORT: String(port) },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}/mcp`;
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const peers = process.env.PEERS === "0"
    ? []
    : (await peerContenders()).contenders.map((c) => c.name);
  const cases = [
    ...[...CORE_CONTENDERS.map((c) => c.name), ...peers].map((name) => ["stdio", name]),
    ...Object.keys(HTTP).map((name) => ["http", name]),
  ];
  const only = process.env.ONLY?.split(",");
  if (only) cases.splice(0, cases.length, ...cases.filter(([, name]) => only.includes(name!)));
  const rows = [];
  try {
    for (const [kind, name] of cases) {
      const run = spawnSync(process.execPath, [
        "--expose-gc",
        "--no-warnings",
        "--conditions=@mcpwire/source",
        "--import",
        "tsx",
        SELF,
        "--child",
        kind!,
        name!,
        url,
      ], {
        encoding: "utf8",
        env: { ...process.env, MCP_USE_ANONYMIZED_TELEMETRY: "false" },
        timeout: 120_000,
      });
      const line = run.stdout.split("\n").find((l) => l.startsWith("{"));
      if (!line) {
        console.error(`memory: ${kind} ${name} failed: ${run.stderr.slice(-400)}`);
        continue;
      }
      rows.push({ transport: kind, contender: name, ...JSON.parse(line) });
      process.stderr.write(`memory: ${kind} ${name} done\n`);
    }
  } finally {
    server.kill("SIGKILL");
  }
  emit({ connections: N, rows });
  console.log(
    [
      "| transport | contender | RSS MB per connection | heap+external MB per connection |",
      "| --- | --- | ---: | ---: |",
      ...rows.map((r) =>
        `| ${r.transport} | ${r.contender} | ${r.rssMbPerConnection.toFixed(2)} | ${
          r.heapMbPerConnection.toFixed(2)
        } |`
      ),
    ].join("\n"),
  );
}

const at = process.argv.indexOf("--child");
if (at !== -1) await child(process.argv[at + 1]!, process.argv[at + 2]!, process.argv[at + 3]!);
else await main();
