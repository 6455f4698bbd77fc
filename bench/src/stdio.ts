// Stdio transports against the same minimal raw server, in one run, contenders interleaved round
// by round: the hand-written pipe client (the floor), mcpwire's StdioTransport and the SDK's
// StdioClientTransport under the same tiny id matcher (the transport alone), then full clients.
// Run: node --conditions=@mcpwire/source --import tsx bench/src/stdio.ts (mcpwire from source), or
// without the condition after building packages/core and packages/transport-stdio (npm run bench
// does): mcpwire from its `dist`, as npm ships it.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cpus, loadavg, totalmem } from "node:os";
import { Client as SdkClient, type Transport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { Client } from "@mcpwire/core";
import { defaultEnvironment, StdioTransport } from "@mcpwire/transport-stdio";
import { RawPipeClient, type TransportLike, TransportRpc } from "./_raw-client.ts";
import { rawServerCommand } from "./_raw-server.ts";
import { median, rotate } from "./_stats.ts";
import { settle, shuffle } from "./_run.ts";
import { runsDist } from "./_before.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 15);
const SEQUENTIAL = Number(process.env.CALLS ?? 1000);
const PARALLEL = Number(process.env.PARALLEL ?? 3000);
const COLD_ROUNDS = Number(process.env.COLD_ROUNDS ?? 7);
const { command, args } = rawServerCommand();
const loadAtStart = loadavg()[0]!;

interface Session {
  call(i: number): Promise<unknown>;
  close(): Promise<void>;
}
interface Contender {
  name: string;
  layer: "transport" | "client";
  open(): Promise<Session>;
}

const addParams = (i: number) => ({ name: "add", arguments: { a: i, b: 1 } });

async function overTransport(transport: TransportLike): Promise<Session> {
  const rpc = new TransportRpc(transport);
  await rpc.initialize();
  return { call: (i) => rpc.request("tools/call", addParams(i)), close: () => rpc.close() };
}

async function sdkClient(transport: Transport): Promise<Session> {
  const client = new SdkClient({ name: "bench", version: "1" });
  await client.connect(transport);
  await client.listTools(); // so the SDK validates structured output
  return { call: (i) => client.callTool(addParams(i)), close: () => client.close() };
}

const mcpwireTransport = () => new StdioTransport({ command, args, stderr: "ignore" });
const sdkTransport = () => new StdioClientTransport({ command, args, stderr: "ignore" });

const contenders: Contender[] = [
  {
    name: "hand-written pipe client (floor)",
    layer: "transport",
    async open() {
      const raw = new RawPipeClient(command, args, defaultEnvironment());
      await raw.initialize();
      return { call: (i) => raw.request("tools/call", addParams(i)), close: () => raw.close() };
    },
  },
  {
    name: "mcpwire StdioTransport",
    layer: "transport",
    open: () => overTransport(mcpwireTransport()),
  },
  {
    name: "SDK StdioClientTransport",
    layer: "transport",
    open: () => overTransport(sdkTransport()),
  },
  {
    name: "SDK v2 Client + SDK StdioClientTransport",
    layer: "client",
    open: () => sdkClient(sdkTransport()),
  },
  {
    name: "SDK v2 Client + mcpwire StdioTransport",
    layer: "client",
    open: () => sdkClient(mcpwireTransport()),
  },
  {
    name: "mcpwire Client + StdioTransport",
    layer: "client",
    async open() {
      const client = await new Client(mcpwireTransport(), { keepAlive: false }).connect();
      await client.listTools();
      return { call: (i) => client.callTool("add", { a: i, b: 1 }), close: () => client.close() };
    },
  },
];

// ONLY=client runs the contenders whose name or layer contains one of the given words.
if (process.env.ONLY) {
  const words = process.env.ONLY.split(",");
  const kept = contenders.filter((c) => words.some((w) => `${c.name} ${c.layer}`.includes(w)));
  contenders.splice(0, contenders.length, ...kept);
}

let warnings = 0;
process.on("warning", (w) => {
  if (w.name === "MaxListenersExceededWarning") warnings++;
});

async function main(): Promise<void> {
  const seq = new Map<string, number[]>();
  const par = new Map<string, number[]>();
  const cold = new Map<string, number[]>();
  const seqCpu = new Map<string, number[]>();
  const parCpu = new Map<string, number[]>();
  const warned = new Map<string, number>();
  for (const c of contenders) [seq, par, cold, seqCpu, parCpu].forEach((m) => m.set(c.name, []));

  const sessions = new Map<string, Session>();
  for (const c of contenders) {
    const s = await c.open();
    for (let i = 0; i < 200; i++) await s.call(i); // warm-up
    await Promise.all(Array.from({ length: 500 }, (_, i) => s.call(i)));
    sessions.set(c.name, s);
  }
  // Sequential passes and parallel passes are kept apart, each in a fresh random order, with a
  // pause between them: the garbage of a 3,000-call burst must not land in whichever contender
  // happens to run next (a rotated order always puts the same contender after the same burst).
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of shuffle(contenders)) {
      const s = sessions.get(c.name)!;
      const start = performance.now();
      const cpu = process.cpuUsage();
      for (let i = 0; i < SEQUENTIAL; i++) await s.call(i);
      seq.get(c.name)!.push(((performance.now() - start) * 1000) / SEQUENTIAL);
      seqCpu.get(c.name)!.push(cpuMicros(cpu) / SEQUENTIAL);
    }
    await settle(50);
    for (const c of shuffle(contenders)) {
      const s = sessions.get(c.name)!;
      const before = warnings;
      const start = performance.now();
      const cpu = process.cpuUsage();
      await Promise.all(Array.from({ length: PARALLEL }, (_, i) => s.call(i)));
      par.get(c.name)!.push(PARALLEL / ((performance.now() - start) / 1000));
      parCpu.get(c.name)!.push(cpuMicros(cpu) / PARALLEL);
      await settle(50);
      warned.set(c.name, (warned.get(c.name) ?? 0) + warnings - before);
    }
    process.stderr.write(`round ${round + 1}/${ROUNDS}\n`);
  }
  for (const s of sessions.values()) await s.close();

  for (let round = 0; round < COLD_ROUNDS; round++) {
    for (const c of rotate(contenders, round)) {
      const start = performance.now();
      const s = await c.open();
      await s.call(1);
      cold.get(c.name)!.push(performance.now() - start);
      await s.close();
    }
  }
  report({ seq, par, cold, seqCpu, parCpu }, warned);
}

function cpuMicros(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return d.user + d.system;
}

type Samples = Record<"seq" | "par" | "cold" | "seqCpu" | "parCpu", Map<string, number[]>>;

function report(samples: Samples, warned: Map<string, number>): void {
  const med = (key: keyof Samples, name: string) => median(samples[key].get(name)!);
  const floor = contenders[0]!.name;
  const rows = contenders.map((c) => {
    const s = med("seq", c.name);
    const p = med("par", c.name);
    return `| ${c.name} | ${c.layer} | ${s.toFixed(0)} | ${
      (s / med("seq", floor)).toFixed(2)
    }× | ` +
      `${med("seqCpu", c.name).toFixed(0)} | ${p.toFixed(0)} | ${
        (p / med("par", floor)).toFixed(2)
      }× | ` +
      `${med("parCpu", c.name).toFixed(1)} | ${med("cold", c.name).toFixed(0)} | ${
        warned.get(c.name) ?? 0
      } |`;
  });
  const extraCa = process.env.NODE_EXTRA_CA_CERTS ? "set in the bench's environment" : "not set";
  const text = [
    "## Stdio transport",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${
      cpus()[0]?.model.trim()
    }, ` +
    `${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, one process, contenders ` +
    `interleaved round by round (a fresh random order per pass; sequential and parallel passes ` +
    `apart, with a pause after each burst), medians of ${ROUNDS} rounds (cold start: ` +
    `${COLD_ROUNDS}, rotated).`,
    `Server: the same minimal newline-JSON Node server for everyone (\`bench/src/_raw-server.ts\`, one tool \`add\` with an output schema).`,
    `1-minute load average ${loadAtStart.toFixed(1)} at the start, ${
      loadavg()[0]!.toFixed(1)
    } at the end ` +
    `(the machine is shared: compare ratios, not absolute figures).`,
    `Sequential: ${SEQUENTIAL} awaited \`tools/call\` per round. Parallel: ${PARALLEL} calls in flight at once.`,
    `Cold start: new transport → spawn → initialize → first tool result (modules already imported).`,
    `"transport" rows put the same 20-line id matcher on each transport, so they time the transport alone;`,
    `"client" rows are full clients (the SDK validates every message with zod; both clients validate the`,
    `structured output). NODE_EXTRA_CA_CERTS: ${extraCa}; no contender passes it to the server`,
    `(all start the server with the minimal default environment). "client CPU" is the bench process's`,
    `user+system CPU per call (the server's excluded): steadier than wall time on a shared machine.`,
    "",
    "| contender | layer | seq µs/call | × floor | client CPU µs/call, seq | calls/s, parallel | × floor | client CPU µs/call, parallel | cold start ms | MaxListeners warnings |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows,
    "",
    runsDist()
      ? "Command: `node --import tsx bench/src/stdio.ts` (mcpwire from its tsc-built dist)"
      : "Command: `node --conditions=@mcpwire/source --import tsx bench/src/stdio.ts`",
    "",
  ].join("\n");
  console.log(text);
  if (!process.env.NO_WRITE) {
    const file = fileURLToPath(new URL("../results/stdio.md", import.meta.url));
    writeFileSync(file, text);
    // Keeps the file as `deno fmt --check` (part of npm test) wants it; best effort.
    const deno = fileURLToPath(new URL("../../node_modules/.bin/deno", import.meta.url));
    spawnSync(deno, ["fmt", "--quiet", file], { stdio: "ignore" });
  }
}

await main();
