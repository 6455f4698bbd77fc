// deno-lint-ignore-file no-explicit-any -- renders the JSON the scripts wrote
// Renders a bench run (bench/results/latest.json) as BENCHMARKS.md: the headline table, the
// targets of issue #9 met or missed, then every scenario's table with its command.
import { existsSync, readFileSync } from "node:fs";
import type { BenchRun, ScenarioResult } from "./main.ts";
import { SCENARIOS } from "./_scenarios.ts";
import { fmt, type Summary } from "./_stats.ts";
import type { Table } from "./_tables.ts";
import { checkTargets, headline } from "./_targets.ts";

const ANALYSIS = new URL("../results/analysis.md", import.meta.url);

/** The whole BENCHMARKS.md. */
export function renderBenchmarks(run: BenchRun): string {
  const order = (s: ScenarioResult) => SCENARIOS.findIndex((x) => x.id === s.id);
  const scenarios = [...run.scenarios].sort((a, b) => order(a) - order(b));
  const m = run.machine;
  const lines = [
    "# Benchmarks",
    "",
    "mcpwire against the bare MCP SDK v2 client, the SDK v1 client, its peers (LangChain's",
    "`@langchain/mcp-adapters`, Mastra's `@mastra/mcp`, `mcp-use`) and a hand-written newline-JSON",
    "client (the floor), all in one run on one machine. Absolute times on a shared machine drift;",
    "the ratios, measured in the same rounds with contenders interleaved, are what to compare.",
    "Figures are medians with the interquartile range (p25–p75) in parentheses.",
    "",
    `- Date: ${run.date.slice(0, 16).replace("T", " ")} UTC${
      run.quick ? " (a --quick run: tiny samples, not meaningful)" : ""
    }`,
    `- Command: \`${run.command}\` (from the repository root; every scenario's own command is below)`,
    `- Machine: ${m.cores} × ${m.cpu}, ${m.memoryGiB} GiB; Node ${m.node}, ${m.deno}, bun ${m.bun}`,
    `- Load average (1 min) at the start ${run.loadavgStart[0]!.toFixed(1)}, at the end ` +
    `${run.loadavgEnd[0]!.toFixed(1)} — the machine is shared; each scenario's own is listed below`,
    `- NODE_EXTRA_CA_CERTS: ${
      run.nodeExtraCaCerts ? "set" : "not set"
    } in the bench's environment ` +
    "(it adds ~60 ms to every Node start; the cold-start scenario removes it from its children, " +
    "no stdio contender passes it to its servers)",
    `- Peer clients: ${run.peers}`,
    "",
    "## Headline (Node, stdio, minimal raw server)",
    "",
    ...headline(scenarios),
    "",
    `## Targets of issue #9${run.quick ? " (a --quick run: samples too small to judge)" : ""}`,
    "",
    ...checkTargets(scenarios).map((t) => `- **${t.met ? "met" : "MISSED"}** — ${t.text}`),
    "",
  ];
  if (!run.quick && existsSync(ANALYSIS)) lines.push(readFileSync(ANALYSIS, "utf8").trim(), "");
  lines.push("## Scenarios", "");
  for (const s of scenarios) lines.push(...renderScenario(s), "");
  return lines.join("\n");
}

function renderScenario(s: ScenarioResult): string[] {
  const head = [
    `### ${s.title} — scenario ${s.issue}`,
    "",
    `\`${s.command}\` — ${s.seconds.toFixed(0)} s, load average ${s.loadavg[0].toFixed(1)} → ` +
    `${s.loadavg[1].toFixed(1)}`,
    "",
  ];
  if (!s.ok) {
    const why = s.optional ? ` (known limitation: ${s.optional})` : "";
    return [...head, `Not measured: the script failed${why}:`, "", "```", s.error ?? "", "```"];
  }
  if (s.tables) {
    return [...head, ...s.tables.flatMap((t) => [...renderTable(t), ""]), ...notesOf(s)];
  }
  return [...head, ...renderJson(s.id, s.json as Record<string, any>)];
}

/** The lines of a topic script's output that explain its table (ratios, notes). */
function notesOf(s: ScenarioResult): string[] {
  const keep = (s.text ?? "").split("\n").filter((l) =>
    /^(Paired|Note|Eager)/.test(l) || /load average at the end/i.test(l)
  );
  return keep.length ? [keep.join("\n")] : [];
}

function renderTable(t: Table): string[] {
  return [
    `| ${t.headers.join(" | ")} |`,
    `| ${t.headers.map(() => "---").join(" | ")} |`,
    ...t.rows.map((r) => `| ${r.join(" | ")} |`),
  ];
}

const x = (s: Summary | undefined) => (s ? `${s.median.toFixed(2)}×` : "—");

function renderJson(id: string, data: Record<string, any>): string[] {
  const notes = (data.notes ?? []).map((n: string) => `Note: ${n}.`);
  if (id.startsWith("stdio-clients")) return renderStdioClients(data, notes);
  if (id === "cold-start") {
    const eager = Object.entries(data.eagerImports ?? {}).map(([who, pkgs]) =>
      `- ${who}: ${
        Object.entries(pkgs as Record<string, number>).map(([p, n]) => `${p} (${n})`).join(", ")
      }`
    );
    return [
      `${data.rounds} rounds; each a fresh \`node\` process (no loader, NODE_EXTRA_CA_CERTS removed): ` +
      "import the library, spawn the raw server, initialize, first `tools/call` result; timed from " +
      "spawning the process to its answer. Import ms and RSS are measured inside the process. mcpwire " +
      "runs from an esbuild bundle of its sources (npm dependencies external), i.e. what its dist/ loads.",
      "",
      "| contender | cold start ms | × floor | × SDK v2 | import ms | import RSS MB |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
      ...data.rows.map((r: any) =>
        `| ${r.contender} | ${fmt(r.coldStartMs)} | ${x(r.vsFloor)} | ${x(r.vsSdk)} | ` +
        `${fmt(r.importMs)} | ${fmt(r.importRssMb, 1)} |`
      ),
      "",
      "Modules loaded by the import (files per package):",
      "",
      ...eager,
      "",
      ...renderProfiles(data.profiles),
      ...notes,
    ];
  }
  if (id === "memory") {
    return [
      `Each contender in a fresh process: one connection opened first (lazy modules loaded), then ` +
      `${data.connections} more, each with a tool call; the difference after a forced GC, per connection. ` +
      "Server processes are not counted. RSS moves in pages and with GC; differences under ~0.5 MB " +
      "are noise, the heap figure is the steadier one.",
      "",
      "| transport | contender | RSS MB per connection | heap + external MB per connection |",
      "| --- | --- | ---: | ---: |",
      ...data.rows.map((r: any) =>
        `| ${r.transport} | ${r.contender} | ${r.rssMbPerConnection.toFixed(2)} | ` +
        `${r.heapMbPerConnection.toFixed(2)} |`
      ),
    ];
  }
  if (id === "soak") {
    const mb = (v: number) => v.toFixed(1);
    const edge = (r: any, key: string, f = (v: number) => String(v)) => {
      const first = r.samples[1] ?? r.samples[0];
      const last = r.samples.at(-1);
      return first?.[key] === undefined ? "—" : `${f(first[key])} → ${f(last[key])}`;
    };
    return [
      `${data.rows.map((r: any) => `${r.calls} calls over ${r.transport}`).join(", ")} from ` +
      `${data.concurrency} concurrent callers ` +
      `(${data.runtime}); every ${data.timeoutEvery}th call asks the server to sleep 60 s and times ` +
      `out after ${data.timeoutMs} ms, the others are answered at once. Samples after a forced GC, ` +
      "from the first sample taken after calls started to the last one after the run (descriptors " +
      "and sockets of the whole process, Linux); in flight = the transport's table at the end.",
      "",
      "| transport | calls | timed out | other failures | s | calls/s | heap MB | RSS MB | fds | sockets | in flight |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...data.rows.map((r: any) =>
        `| ${r.transport} | ${r.calls} | ${r.timeouts} | ${r.unexpected} | ${
          r.seconds.toFixed(1)
        } | ` +
        `${r.callsPerSecond.toFixed(0)} | ${edge(r, "heapMb", mb)} | ${edge(r, "rssMb", mb)} | ` +
        `${edge(r, "fds")} | ${edge(r, "sockets")} | ${r.samples.at(-1).pending} |`
      ),
      "",
      ...data.rows.map((r: any) =>
        `Heap MB by calls made, ${r.transport}: ` +
        r.samples.map((s: any) => `${s.calls}: ${mb(s.heapMb)}`).join(", ") + "."
      ),
    ];
  }
  if (id === "profile-calls") {
    return [
      `${data.calls} sequential then ${data.calls} parallel calls per client to the raw server, ` +
      "profiled in the bench process (node:inspector, 200 µs sampling). Self time:",
      "",
      ...Object.entries(data.profiles).flatMap(([who, p]: [string, any]) => [
        `- **${who}**, ${p.cpuUsPerCall.toFixed(0)} µs client CPU per call. By package: ` +
        p.packages.map(([k, v]: [string, number]) => `${k} ${pct(v, p.totalMs)}`).join(", ") + ".",
        "  Top functions: " +
        p.functions.slice(0, 10).map(([k, v]: [string, number]) =>
          `\`${k || "(unnamed)"}\` ${pct(v, p.totalMs)}`
        )
          .join(", ") +
        ".",
      ]),
    ];
  }
  return ["```json", JSON.stringify(data, null, 2), "```"];
}

/**
 * The stdio-clients table, with the columns its script prints: client CPU per sequential call
 * (`seqCpuUs`) and "× before" (`MCPWIRE_BEFORE` runs) when the run has them.
 */
function renderStdioClients(data: Record<string, any>, notes: string[]): string[] {
  const rows: any[] = data.rows;
  const cpu = rows.some((r) => r.seqCpuUs);
  const before = rows.some((r) => r.seqVsBefore);
  const cols = (...c: [boolean, string][]) => c.filter(([on]) => on).map(([, text]) => text);
  const headers = cols(
    [true, "server"],
    [true, "contender"],
    [true, "seq µs/call"],
    [true, "× floor"],
    [true, "× SDK v2"],
    [before, "× before"],
    [cpu, "client CPU µs/call"],
    [cpu, "× floor"],
    [true, "calls/s, parallel"],
    [true, "× floor"],
    [true, "× SDK v2"],
    [before, "× before"],
  );
  const cells = (r: any) =>
    cols(
      [true, r.server],
      [true, r.contender],
      [true, fmt(r.seqUs)],
      [true, x(r.seqVsFloor)],
      [true, x(r.seqVsSdk)],
      [before, x(r.seqVsBefore)],
      [cpu, r.seqCpuUs ? fmt(r.seqCpuUs) : "—"],
      [cpu, x(r.cpuVsFloor)],
      [true, fmt(r.perSec)],
      [true, x(r.perSecVsFloor)],
      [true, x(r.perSecVsSdk)],
      [before, x(r.perSecVsBefore)],
    );
  const from = data.mcpwireFrom
    ? ` mcpwire ran from its ${data.mcpwireFrom}${before ? ", as did mcpwire (before)" : ""}.`
    : "";
  return [
    `${data.rounds} rounds, ${data.calls} sequential calls and ${data.parallel} parallel calls per ` +
    `round and contender; ${data.runtime}. Server "raw": the minimal newline-JSON server; "sdk": an ` +
    "SDK v2 `McpServer` (zod schemas). Ratios are medians of per-round ratios." + from,
    "",
    `| ${headers.join(" | ")} |`,
    `| --- | --- | ${headers.slice(2).map(() => "---:").join(" | ")} |`,
    ...rows.map((r) => `| ${cells(r).join(" | ")} |`),
    "",
    ...notes,
  ];
}

const pct = (v: number, total: number) => `${((100 * v) / total).toFixed(1)} %`;

function renderProfiles(profiles: Record<string, any> | undefined): string[] {
  if (!profiles) return [];
  const out = ["CPU profile of one cold start (`node --cpu-prof`), self time:", ""];
  for (const [who, p] of Object.entries(profiles)) {
    out.push(
      `- ${who}, ${p.totalMs.toFixed(0)} ms sampled. By package: ` +
        p.packages.map(([k, v]: [string, number]) => `${k} ${v.toFixed(0)} ms`).join(", ") + ".",
      `  Top functions: ` +
        p.functions.slice(0, 6).map(([k, v]: [string, number]) => `\`${k}\` ${v.toFixed(0)} ms`)
          .join(", ") +
        ".",
    );
  }
  return [...out, ""];
}
