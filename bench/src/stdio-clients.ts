// Scenario 2, whole clients: sequential latency and parallel throughput of `tools/call` over stdio
// for the hand-written floor, mcpwire, SDK v2, SDK v1 and the peers (LangChain, Mastra, mcp-use,
// when bench/peers is installed), against the minimal raw server and against an SDK v2 server.
// One session per contender and server, opened up front; contenders interleaved round by round.
// Run with --expose-gc (main.ts does) so the pause after each measurement includes a GC.
// Env: ROUNDS, CALLS, PARALLEL, MCPWIRE_BEFORE=<git ref> (adds "mcpwire (before)", _before.ts), PEERS=0 (core contenders only), SERVERS=raw,sdk, BENCH_OUT=file.json
// Run: node --conditions=@mcpwire/source --import tsx bench/src/stdio-clients.ts
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

const ROUNDS = Number(process.env.ROUNDS ?? 10);
const CALLS = Number(process.env.CALLS ?? 1000);
const PARALLEL = Number(process.env.PARALLEL ?? 3000);
const SERVERS: Record<string, () => ServerSpec> = { raw: rawServerCommand, sdk: sdkServerSpec };
const serverNames = (process.env.SERVERS ?? "raw,sdk").split(",").filter((s) => s in SERVERS);

const peers = process.env.PEERS === "0"
  ? { contenders: [], notes: ["peers skipped (PEERS=0)"] }
  : await peerContenders();
const contenders = [...CORE_CONTENDERS, ...await beforeContenders(), ...peers.contenders];
const loadStart = loadavg()[0]!;

interface Cell {
  seq: number[];
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
    cells.set(key(server, c.name), { seq: [], par: [] });
  }
}

// Sequential and parallel passes are kept apart, each in a fresh random order, with a GC and a
// pause after each measurement: a 3,000-call burst's garbage must not land in the next contender.
for (let round = 0; round < ROUNDS; round++) {
  for (const server of serverNames) {
    for (const c of shuffle(contenders)) {
      const s = sessions.get(key(server, c.name))!;
      const start = performance.now();
      for (let i = 0; i < CALLS; i++) await s.call(i);
      cells.get(key(server, c.name))!.seq.push(((performance.now() - start) * 1000) / CALLS);
      await settle(30);
    }
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
  const sdk = cells.get(key(server, "SDK v2"))!;
  for (const c of contenders) {
    const cell = cells.get(key(server, c.name))!;
    rows.push({
      server,
      contender: c.name,
      seqUs: summarize(cell.seq),
      perSec: summarize(cell.par),
      seqVsFloor: paired(cell.seq, floor.seq),
      seqVsSdk: paired(cell.seq, sdk.seq),
      perSecVsFloor: paired(cell.par, floor.par),
      perSecVsSdk: paired(cell.par, sdk.par),
    });
  }
}
const result = {
  rounds: ROUNDS,
  calls: CALLS,
  parallel: PARALLEL,
  runtime: runtimeName(),
  notes: peers.notes,
  loadavg: [loadStart, loadavg()[0]!],
  rows,
};
emit(result);
console.log(
  [
    `| server | contender | seq µs/call | × floor | × SDK v2 | calls/s parallel | × floor | × SDK v2 |`,
    `| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...rows.map((r) =>
      `| ${r.server} | ${r.contender} | ${fmt(r.seqUs)} | ${r.seqVsFloor.median.toFixed(2)} | ` +
      `${r.seqVsSdk.median.toFixed(2)} | ${fmt(r.perSec)} | ${
        r.perSecVsFloor.median.toFixed(2)
      } | ` +
      `${r.perSecVsSdk.median.toFixed(2)} |`
    ),
    ...peers.notes.map((n) => `\nNote: ${n}.`),
  ].join("\n"),
);

function runtimeName(): string {
  const g = globalThis as { Deno?: { version: { deno: string } }; Bun?: { version: string } };
  if (g.Deno) return `deno ${g.Deno.version.deno}`;
  if (g.Bun) return `bun ${g.Bun.version}`;
  return `node ${process.version}`;
}
