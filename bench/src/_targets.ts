// deno-lint-ignore-file no-explicit-any -- reads the JSON the scripts wrote
// The headline table and the targets of issue #9, computed from a run's scenario results.
import type { ScenarioResult } from "./main.ts";
import { fmt, type Summary } from "./_stats.ts";
import { cell, num, row, type Table } from "./_tables.ts";

/** One target: met or not, and the sentence that says so with the numbers. */
export interface Target {
  met: boolean;
  text: string;
}

const CONTENDERS = [
  "hand-written floor",
  "mcpwire",
  "mcpwire (before)",
  "SDK v2",
  "SDK v1",
  "mcp-use",
  "LangChain",
  "Mastra",
];
const MULTI_NAMES: Record<string, string> = {
  "hand-written floor": "hand-written floor",
  mcpwire: "mcpwire MultiServerClient",
  "SDK v2": "SDK v2 Client × N",
  "mcp-use": "mcp-use MCPClient",
  LangChain: "LangChain MultiServerMCPClient",
  Mastra: "Mastra MCPClient",
};

const find = (s: ScenarioResult[], id: string) => s.find((x) => x.id === id && x.ok);
const jsonRows = (s: ScenarioResult | undefined): any[] =>
  (s?.json as { rows?: any[] })?.rows ?? [];
const stdioRow = (s: ScenarioResult[], server: string, who: string) =>
  jsonRows(find(s, "stdio-clients-node")).find((r) => r.server === server && r.contender === who);
const coldRow = (s: ScenarioResult[], who: string) =>
  jsonRows(find(s, "cold-start")).find((r) => r.contender === who);
const table = (s: ScenarioResult[], id: string): Table | undefined => find(s, id)?.tables?.[0];
const x = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : "—");
const med = (v: Summary | undefined) => v?.median ?? NaN;

/** Connect time for N servers: [ms, ratio to the floor] from the multi-server table. */
function connect(s: ScenarioResult[], who: string, n: number): [number, number] {
  const t = table(s, "multi-server");
  const name = MULTI_NAMES[who];
  const r = t && name ? row(t, name) : undefined;
  const c = r && t ? cell(t, r, `${n} servers`) : undefined;
  if (!c || c === "—") return [NaN, NaN];
  return [num(c), who === "hand-written floor" ? 1 : num(c, 1)];
}

/** The headline table's lines. */
export function headline(s: ScenarioResult[]): string[] {
  const lines = [
    "| contender | seq µs/call | × floor | × SDK v2 | calls/s, 3000 in parallel | × floor | × SDK v2 | " +
    "cold start ms | × floor | × SDK v2 | connect 10 servers ms (× floor) | import ms | import RSS MB |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const who of CONTENDERS) {
    const st = stdioRow(s, "raw", who);
    const cold = coldRow(s, who);
    const [ms, ratio] = connect(s, who, 10);
    if (!st && !cold && Number.isNaN(ms)) continue;
    lines.push(
      `| ${who} | ${fmt(st?.seqUs)} | ${x(med(st?.seqVsFloor))} | ${x(med(st?.seqVsSdk))} | ` +
        `${fmt(st?.perSec)} | ${x(med(st?.perSecVsFloor))} | ${x(med(st?.perSecVsSdk))} | ` +
        `${fmt(cold?.coldStartMs)} | ${x(med(cold?.vsFloor))} | ${x(med(cold?.vsSdk))} | ` +
        `${Number.isNaN(ms) ? "—" : `${ms.toFixed(0)} (${x(ratio)})`} | ${fmt(cold?.importMs)} | ` +
        `${fmt(cold?.importRssMb, 1)} |`,
    );
  }
  lines.push(
    "",
    "Seq/parallel: `stdio-clients` scenario (raw server); cold start and import: `cold-start`; " +
      "connect: `multi-server` (mcpwire = `MultiServerClient`, SDK v2 = `Promise.all` of clients; " +
      "SDK v1 not in that scenario). Ratios are medians of per-round ratios.",
  );
  return lines;
}

/** Every target of the issue, met or missed, with its numbers. */
export function checkTargets(s: ScenarioResult[]): Target[] {
  const out: Target[] = [];
  const add = (ok: boolean | undefined, text: string) => {
    if (ok !== undefined && !Number.isNaN(Number(ok))) out.push({ met: ok, text });
  };
  const mw = stdioRow(s, "raw", "mcpwire");
  if (mw) {
    add(
      med(mw.seqVsFloor) <= 1.25,
      `stdio → raw server, sequential: mcpwire ${
        x(med(mw.seqVsFloor))
      } the floor's latency (target ≤ 1.25×).`,
    );
    add(
      med(mw.perSecVsFloor) >= 0.5,
      `stdio → raw server, parallel: mcpwire ${
        x(med(mw.perSecVsFloor))
      } the floor's throughput (target ≥ 0.5×).`,
    );
  }
  for (const server of ["raw", "sdk"]) {
    const r = stdioRow(s, server, "mcpwire");
    if (!r) continue;
    add(
      med(r.seqVsSdk) <= 1.05,
      `stdio → ${server} server, sequential: mcpwire ${
        x(med(r.seqVsSdk))
      } SDK v2's latency (target ≤ 1.05×).`,
    );
    add(
      med(r.perSecVsSdk) >= 1 / 1.05,
      `stdio → ${server} server, parallel: mcpwire ${
        x(med(r.perSecVsSdk))
      } SDK v2's throughput (target ≥ 0.95×).`,
    );
  }
  for (const runtime of ["node", "deno", "bun"]) {
    const mem = table(s, `inmemory-${runtime}`);
    const memRow = mem && row(mem, "mcpwire");
    if (mem && memRow) {
      const ratio = 1 + num(cell(mem, memRow, "vs SDK")) / 100;
      add(
        ratio <= 1.05,
        `in-memory on ${runtime}, sequential: mcpwire ${
          x(ratio)
        } SDK v2's latency (paired per round; target ≤ 1.05×).`,
      );
    }
    if (runtime === "node") continue;
    const st = jsonRows(find(s, `stdio-clients-${runtime}`)).find((r) => r.contender === "mcpwire");
    if (st) {
      add(
        med(st.seqVsSdk) <= 1.05,
        `stdio → raw server on ${runtime}, sequential: mcpwire ${
          x(med(st.seqVsSdk))
        } SDK v2's latency (target ≤ 1.05×).`,
      );
    }
  }
  const http = table(s, "http");
  const httpRow = http && row(http, "mcpwire Client");
  if (http && httpRow) {
    const lat = 1 + num(cell(http, httpRow, "latency vs SDK")) / 100;
    const thr = 1 + num(cell(http, httpRow, "throughput vs SDK")) / 100;
    add(
      lat <= 1.05,
      `Streamable HTTP, sequential: mcpwire Client ${x(lat)} SDK v2's latency (target ≤ 1.05×).`,
    );
    add(
      thr >= 1 / 1.05,
      `Streamable HTTP, parallel: mcpwire Client ${x(thr)} SDK v2's throughput (target ≥ 0.95×).`,
    );
  }
  const cold = coldRow(s, "mcpwire");
  if (cold) {
    add(med(cold.vsSdk) <= 1, `cold start: mcpwire ${x(med(cold.vsSdk))} SDK v2's (target ≤ 1×).`);
    add(
      med(cold.vsFloor) <= 2,
      `cold start: mcpwire ${x(med(cold.vsFloor))} the floor's (aim ≤ 2×).`,
    );
    const sdkImport = med(coldRow(s, "SDK v2")?.importMs);
    const ratio = med(cold.importMs) / sdkImport;
    if (!Number.isNaN(ratio)) {
      add(
        ratio <= 0.35,
        `import: mcpwire ${x(ratio)} SDK v2 client's import time (target ≤ 0.35×).`,
      );
    }
  }
  for (const n of [1, 5, 10, 20]) {
    const [ms, ratio] = connect(s, "mcpwire", n);
    if (!Number.isNaN(ms)) {
      add(
        ratio <= 1.1,
        `connect ${n} stdio servers: mcpwire MultiServerClient ${ms.toFixed(0)} ms, ${
          x(ratio)
        } the floor (target ≤ 1.1×).`,
      );
    }
  }
  const rest = table(s, "rest");
  if (rest) {
    // Issue #16: against the ceiling (node:http + core Client, no checks), not the direct client,
    // whose stdio loop no HTTP binding can approach on this machine.
    for (const r of rest.rows.filter((r) => r[0]!.includes("mcpwire-rest process"))) {
      const ratio = num(cell(rest, r, "vs ceiling"));
      add(
        ratio >= 0.9,
        `REST binding${cell(rest, r, "server") ? ` → ${cell(rest, r, "server")}` : ""}, ${
          cell(rest, r, "connections")
        } connection(s): ${x(ratio)} the node:http + core Client ceiling's throughput (target ≥ ` +
          `0.9×; ${x(num(cell(rest, r, "vs direct")))} the direct client's).`,
      );
    }
  }
  out.push(...peerTargets(s));
  return out;
}

function peerTargets(s: ScenarioResult[]): Target[] {
  const out: Target[] = [];
  for (const peer of ["mcp-use", "LangChain", "Mastra"]) {
    const behind: string[] = [];
    let compared = 0;
    const versus = (label: string, ours: number, theirs: number, lowerIsBetter: boolean) => {
      if (!Number.isFinite(ours) || !Number.isFinite(theirs)) return;
      compared++;
      if (lowerIsBetter ? ours > theirs : ours < theirs) {
        behind.push(`${label} (${ours.toFixed(1)} vs ${theirs.toFixed(1)})`);
      }
    };
    for (const server of ["raw", "sdk"]) {
      const ours = stdioRow(s, server, "mcpwire");
      const theirs = stdioRow(s, server, peer);
      versus(`seq µs/call, ${server} server`, med(ours?.seqUs), med(theirs?.seqUs), true);
      versus(`calls/s, ${server} server`, med(ours?.perSec), med(theirs?.perSec), false);
    }
    versus(
      "cold start ms",
      med(coldRow(s, "mcpwire")?.coldStartMs),
      med(coldRow(s, peer)?.coldStartMs),
      true,
    );
    versus(
      "import RSS MB",
      med(coldRow(s, "mcpwire")?.importRssMb),
      med(coldRow(s, peer)?.importRssMb),
      true,
    );
    for (const n of [1, 5, 10, 20]) {
      versus(`connect ${n} servers ms`, connect(s, "mcpwire", n)[0], connect(s, peer, n)[0], true);
    }
    if (compared === 0) continue;
    out.push({
      met: behind.length === 0,
      text: behind.length === 0
        ? `ahead of ${peer} on all ${compared} comparisons.`
        : `behind ${peer} on ${behind.length} of ${compared} comparisons (mcpwire vs ${peer}): ${
          behind.join("; ")
        }.`,
    });
  }
  return out;
}
