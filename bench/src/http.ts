// Latency and throughput of a tool call over Streamable HTTP: mcpwire's transport and Client
// against the bare SDK v2 client, all against the same server-everything process on 127.0.0.1,
// in one run, contenders interleaved round by round.
// Run: node --conditions=@mcpwire/source --import tsx bench/src/http.ts
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { Client as SdkClient, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { Client } from "@mcpwire/core";
import { BEFORE_NAME, beforeClient, beforeHttpTransport } from "./_before.ts";
import { StreamableHttpTransport } from "@mcpwire/transport-http";
import { median } from "./_stats.ts";
import { freePort } from "./_run.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 20);
const SEQUENTIAL = Number(process.env.CALLS ?? 100);
const PARALLEL = Number(process.env.PARALLEL ?? 100);
const EVERYTHING = fileURLToPath(
  import.meta.resolve("@modelcontextprotocol/server-everything/dist/index.js"),
);

const port = await freePort();
const child = spawn(process.execPath, [EVERYTHING, "streamableHttp"], {
  env: { ...process.env, PORT: String(port) },
  stdio: "ignore",
});
const url = new URL(`http://127.0.0.1:${port}/mcp`);
for (let i = 0; i < 200; i++) {
  try {
    await fetch(`http://127.0.0.1:${port}/`);
    break;
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Session {
  call(i: number): Promise<unknown>;
  close(): Promise<void>;
}
interface Contender {
  name: string;
  open(): Promise<Session>;
}

function sdkSession(transport: StreamableHTTPClientTransport | StreamableHttpTransport) {
  return async (): Promise<Session> => {
    const sdk = new SdkClient({ name: "bench", version: "1" });
    await sdk.connect(transport);
    return {
      call: (i) => sdk.callTool({ name: "echo", arguments: { message: `m${i}` } }),
      close: async () => {
        if (transport instanceof StreamableHTTPClientTransport) await transport.terminateSession();
        await sdk.close();
      },
    };
  };
}

const OldClient = await beforeClient();
const OldTransport = await beforeHttpTransport();
const contenders: Contender[] = [
  {
    name: "SDK v2 Client + StreamableHTTPClientTransport",
    open: () => sdkSession(new StreamableHTTPClientTransport(url))(),
  },
  {
    name: "SDK v2 Client + mcpwire StreamableHttpTransport",
    open: () => sdkSession(new StreamableHttpTransport(url))(),
  },
  {
    name: "mcpwire Client (URL source)",
    async open() {
      const client = await new Client(url.href).connect();
      return {
        call: (i) => client.callTool("echo", { message: `m${i}` }),
        close: () => client.close(),
      };
    },
  },
  ...(OldTransport
    ? [{
      name: `SDK v2 Client + ${BEFORE_NAME} StreamableHttpTransport`,
      open: () => sdkSession(new OldTransport(url))(),
    }]
    : []),
  ...(OldClient
    ? [{
      name: `${BEFORE_NAME} Client (URL source)`,
      async open() {
        const client = await new OldClient(url.href).connect();
        return {
          call: (i: number) => client.callTool("echo", { message: `m${i}` }),
          close: () => client.close(),
        };
      },
    }]
    : []),
];

async function measure(
  contender: Contender,
): Promise<{ seqUs: number; parallelPerSec: number; cpuUs: number }> {
  const session = await contender.open();
  try {
    for (let i = 0; i < 20; i++) await session.call(i); // warm-up
    const cpu = process.cpuUsage();
    let start = performance.now();
    for (let i = 0; i < SEQUENTIAL; i++) await session.call(i);
    const seqUs = ((performance.now() - start) * 1000) / SEQUENTIAL;
    start = performance.now();
    await Promise.all(Array.from({ length: PARALLEL }, (_, i) => session.call(i)));
    const parallelPerSec = PARALLEL / ((performance.now() - start) / 1000);
    const used = process.cpuUsage(cpu);
    const cpuUs = (used.user + used.system) / (SEQUENTIAL + PARALLEL);
    return { seqUs, parallelPerSec, cpuUs };
  } finally {
    await session.close();
  }
}

const samples = new Map(
  contenders.map((
    c,
  ) => [c.name, { seq: [] as number[], par: [] as number[], cpu: [] as number[] }]),
);
try {
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? contenders : [...contenders].reverse();
    for (const contender of order) {
      const { seqUs, parallelPerSec, cpuUs } = await measure(contender);
      samples.get(contender.name)!.seq.push(seqUs);
      samples.get(contender.name)!.par.push(parallelPerSec);
      samples.get(contender.name)!.cpu.push(cpuUs);
    }
  }
} finally {
  child.kill("SIGKILL");
}

const base = samples.get(contenders[0]!.name)!;
const pairedSeq = (name: string) => base.seq.map((sdk, i) => samples.get(name)!.seq[i]! / sdk);
const pairedPar = (name: string) => base.par.map((sdk, i) => samples.get(name)!.par[i]! / sdk);
const pct = (ratio: number) => `${ratio >= 1 ? "+" : ""}${((ratio - 1) * 100).toFixed(1)} %`;
const rows = contenders.map((c) => {
  const s = samples.get(c.name)!;
  return `| ${c.name} | ${median(s.seq).toFixed(0)} | ${pct(median(pairedSeq(c.name)))} | ` +
    `${median(s.par).toFixed(0)} | ${pct(median(pairedPar(c.name)))} | ${
      median(s.cpu).toFixed(0)
    } |`;
});
const markdown = [
  "## Streamable HTTP: a tool call through mcpwire vs the bare SDK v2 client",
  "",
  "`echo` on one `@modelcontextprotocol/server-everything` process (`streamableHttp` mode, SSE",
  `responses) on 127.0.0.1, driven by Node; ${ROUNDS} rounds, contenders interleaved (order alternating),`,
  `each round a new session, 20 warm-up calls, ${SEQUENTIAL} sequential calls, then ${PARALLEL} calls in`,
  "parallel. Row 2 isolates the transport (same SDK Client, mcpwire's transport); row 3 is the whole",
  "mcpwire stack (`new Client(url)`, its validation and result handling included). Client CPU is",
  "the benchmark process's user+system time per call (the server runs in its own process), the",
  "figure least disturbed by other load on the machine.",
  "",
  "| contender | µs/call (sequential, median) | latency vs SDK (paired, median; + is slower) | calls/s (parallel, median) | throughput vs SDK (paired, median; + is more) | client CPU µs/call (median) |",
  "| --- | --- | --- | --- | --- | --- |",
  ...rows,
  "",
  `Paired per-round latency ratio, mcpwire Client / SDK: median ${
    median(pairedSeq(contenders[2]!.name)).toFixed(3)
  }, ` +
  `min ${Math.min(...pairedSeq(contenders[2]!.name)).toFixed(3)}, max ${
    Math.max(...pairedSeq(contenders[2]!.name)).toFixed(3)
  }; ` +
  `transport only: median ${median(pairedSeq(contenders[1]!.name)).toFixed(3)}. ` +
  `Load average at the end: ${
    loadavg().map((l) => l.toFixed(1)).join(", ")
  } (the machine is shared).`,
  "",
  `Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${
    (totalmem() / 2 ** 30).toFixed(1)
  } GiB, ` +
  `Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}.`,
  `NODE_EXTRA_CA_CERTS was ${
    process.env.NODE_EXTRA_CA_CERTS ? "set" : "not set"
  } (plain http on 127.0.0.1; it does not apply).`,
  "",
  "Command: `node --conditions=@mcpwire/source --import tsx bench/src/http.ts`",
  "",
].join("\n");
console.log(markdown);
writeFileSync(new URL("../results/http.md", import.meta.url), markdown);
process.exit(0);
