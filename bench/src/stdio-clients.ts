// Scenario 2, whole clients: sequential latency and parallel throughput of `tools/call` over stdio
// for the hand-written floor, mcpwire, SDK v2, SDK v1 and the peers (LangChain, Mastra, mcp-use,
// when bench/peers is installed), against the minimal raw server and against an SDK v2 server.
// One session per contender and server, opened up front; contenders interleaved round by round.
// Run with --expose-gc (main.ts does) so the pause after each measurement includes a GC.
// Each round's sequential calls run in BLOCKS blocks, the contenders alternated block by block (a
// fresh random order per block), so that a drift in the machine's load falls on every contender
// alike; ratios are taken per round, then their median (two copies of the same code read ~1.00).
// Env: ROUNDS, CALLS, BLOCKS, PARALLEL (0: no parallel pass), MCPWIRE_BEFORE=<git ref> (adds
// "mcpwire (before)", the old core over the old transport, _before.ts), PEERS=0 (core contenders
// only), SDK=0 (no SDK rows), SERVERS=raw,sdk, BENCH_OUT=file.json
// Run: node --conditions=@mcpwire/source --import tsx bench/src/stdio-clients.ts (mcpwire from
// source), or without the condition after building packages/core and packages/transport-stdio
// (`npx tsc -p tsconfig.json` in each): mcpwire from its `dist`, as npm ships it.
import { loadavg } from "node:os";
import {
  beforeContenders,
  CORE_CONTENDERS,
  peerContenders,
  type ServerSpec,
  type Session,
} from "./_clients.ts";
import { rawServerCommand } from "./_raw-server.ts";
import { sdkServerSpec } from "./_sdk-server.ts";
import { emit, fmt, summarize, type Summary } from "./_stats.ts";
import { settle, shuffle } from "./_run.ts";
import { BEFORE_NAME, runsDist } from "./_before.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 10);
const CALLS = Number(process.env.CALLS ?? 1000);
const BLOCKS = Math.max(1, Number(process.env.BLOCKS ?? 5));
const PARALLEL = Number(process.env.PARALLEL ?? 3000);
const SERVERS: Record<string, () => ServerSpec> = { raw: rawServerCommand, sdk: sdkServerSpec };
const serverNames = (process.env.SERVERS ?? "raw,sdk").split(",").filter((s) => s in SERVERS);

const peers = process.env.PEERS === "0"
  ? { contenders: [], notes: ["peers skipped (PEERS=0)"] }
  : await peerContenders();
const core = process.env.SDK === "0"
  ? CORE_CONTENDERS.filter((c) => !c.name.startsWith("SDK"))
  : CORE_CONTENDERS;
const contenders = [...core, ...await beforeContenders(), ...peers.contenders];
const gc = (globalThis as { gc?: () => void }).gc;
const loadStart = loadavg()[0]!;

interface Cell {
  seq: number[];
  /** Client CPU (user + system) per sequential call, µs. */
  cpu: number[];
  par: number[];
}
const cells = new Map<string, Cell>();
const key = (server: string, name: string) => `${server}/${name}`;
const sessions = new Map<string, Session>();
for (const server of serverNames) {
  for (const c of contenders) {
    const s = await c.open(SERVERS[server]!());
    for (let i = 0; i < 100; i++) await s.call(i); // warm-up, incl. lazily compiled validators
    await Promise.all(Array.from({ length: Math.min(PARALLEL, 500) }, (_, i) => s.call(i)));
    sessions.set(key(server, c.name), s);
    cells.set(key(server, c.name), { seq: [], cpu: [], par: [] });
  }
}

// Sequential and parallel passes are kept apart, each in a fresh random order, with a GC and a
// pause after each pass (sequential: after each block, a GC only): a 3,000-call burst's garbage
// must not land in the next contender.
const perBlock = Math.max(1, Math.round(CALLS / BLOCKS));
for (let round = 0; round < ROUNDS; round++) {
  for (const server of serverNames) {
    const wall = new Map<string, number>(contenders.map((c) => [c.name, 0]));
    const cpu = new Map<string, number>(contenders.map((c) => [c.name, 0]));
    for (let block = 0; block < BLOCKS; block++) {
      for (const c of shuffle(contenders)) {
        const s = sessions.get(key(server, c.name))!;
        const cpuStart = process.cpuUsage();
        const start = performance.now();
        for (let i = 0; i < perBlock; i++) await s.call(i);
        wall.set(c.name, wall.get(c.name)! + performance.now() - start);
        const used = process.cpuUsage(cpuStart);
        cpu.set(c.name, cpu.get(c.name)! + (used.user + used.system) / 1000);
        gc?.();
      }
    }
    for (const c of contenders) {
      const cell = cells.get(key(server, c.name))!;
      cell.seq.push((wall.get(c.name)! * 1000) / (perBlock * BLOCKS));
      cell.cpu.push((cpu.get(c.name)! * 1000) / (perBlock * BLOCKS));
    }
    await settle(30);
    if (PARALLEL <= 0) continue;
    for (const c of shuffle(contenders)) {
      const s = sessions.get(key(server, c.name))!;
      const start = performance.now();
      await Promise.all(Array.from({ length: PARALLEL }, (_, i) => s.call(i)));
      cells.get(key(server, c.name))!.par.push(PARALLEL / ((performance.now() - start) / 1000));
      await settle(30);
    }
  }
  process.stderr.write(`stdio-clients: round ${round + 1}/${ROUNDS}\n`);
}
for (const s of sessions.values()) await s.close();

/** Per-round ratios of one contender's samples to another's, summarized. */
const paired = (a: number[], b: number[]): Summary => summarize(a.map((x, i) => x / b[i]!));

const rows = [];
for (const server of serverNames) {
  const floor = cells.get(key(server, "hand-written floor"))!;
  const sdk = cells.get(key(server, "SDK v2"));
  const before = cells.get(key(server, BEFORE_NAME));
  const vs = (a: number[], b: number[] | undefined) => b?.length ? paired(a, b) : undefined;
  for (const c of contenders) {
    const cell = cells.get(key(server, c.name))!;
    rows.push({
      server,
      contender: c.name,
      seqUs: summarize(cell.seq),
      seqCpuUs: summarize(cell.cpu),
      perSec: summarize(cell.par),
      seqVsFloor: paired(cell.seq, floor.seq),
      seqVsSdk: vs(cell.seq, sdk?.seq),
      seqVsBefore: vs(cell.seq, before?.seq),
      cpuVsFloor: paired(cell.cpu, floor.cpu),
      cpuVsBefore: vs(cell.cpu, before?.cpu),
      perSecVsFloor: vs(cell.par, floor.par),
      perSecVsSdk: vs(cell.par, sdk?.par),
      perSecVsBefore: vs(cell.par, before?.par),
    });
  }
}
const result = {
  rounds: ROUNDS,
  calls: CALLS,
  blocks: BLOCKS,
  parallel: PARALLEL,
  runtime: runtimeName(),
  mcpwireFrom: runsDist() ? "dist" : "source",
  notes: peers.notes,
  loadavg: [loadStart, loadavg()[0]!],
  rows,
};
emit(result);
const r2 = (s: Summary | undefined) => s ? s.median.toFixed(2) : "—";
const withBefore = contenders.some((c) => c.name === BEFORE_NAME);
console.log(
  [
    `| server | contender | seq µs/call | × floor | × SDK v2 |${withBefore ? " × before |" : ""} ` +
    `client CPU µs/call | × floor | calls/s parallel | × floor | × SDK v2 |${
      withBefore ? " × before |" : ""
    }`,
    `| --- | --- | ---: | ---: | ---: |${
      withBefore ? " ---: |" : ""
    } ---: | ---: | ---: | ---: | ---: |${withBefore ? " ---: |" : ""}`,
    ...rows.map((r) =>
      `| ${r.server} | ${r.contender} | ${fmt(r.seqUs)} | ${r2(r.seqVsFloor)} | ${
        r2(r.seqVsSdk)
      } |` +
      `${withBefore ? ` ${r2(r.seqVsBefore)} |` : ""} ${fmt(r.seqCpuUs)} | ${r2(r.cpuVsFloor)} | ` +
      `${fmt(r.perSec)} | ${r2(r.perSecVsFloor)} | ${r2(r.perSecVsSdk)} |` +
      `${withBefore ? ` ${r2(r.perSecVsBefore)} |` : ""}`
    ),
    `\nmcpwire ran from its ${result.mcpwireFrom}${
      withBefore ? ", as did mcpwire (before)" : ""
    }; load ${loadStart.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}.`,
    ...peers.notes.map((n) => `\nNote: ${n}.`),
  ].join("\n"),
);

function runtimeName(): string {
  const g = globalThis as { Deno?: { version: { deno: string } }; Bun?: { version: string } };
  if (g.Deno) return `deno ${g.Deno.version.deno}`;
  if (g.Bun) return `bun ${g.Bun.version}`;
  return `node ${process.version}`;
}
