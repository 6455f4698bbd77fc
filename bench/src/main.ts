// The whole benchmark: every scenario of issue #9, each script in its own process, one after the
// other; results to bench/results/latest.json, rendered into BENCHMARKS.md.
//
//   npm run bench                      full run (installs bench/peers when missing), ~20–30 min
//   npm run bench -- --quick           every script once with tiny knobs (CI); asserts no speed
//   npm run bench -- --only=http,cold  only these scenarios (id or id prefix), merged into latest.json
//   npm run bench -- --render          re-render BENCHMARKS.md from latest.json
//   npm run bench -- --no-peers        skip LangChain, Mastra and mcp-use
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderBenchmarks } from "./_render.ts";
import { type Runtime, type Scenario, SCENARIOS } from "./_scenarios.ts";
import { parseTables, type Table } from "./_tables.ts";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const ROOT = join(HERE, "../..");
const BIN = join(ROOT, "node_modules/.bin");
const RESULTS = join(HERE, "../results");
const LATEST = join(RESULTS, "latest.json");
const PEERS_DIR = join(HERE, "../peers");
const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const noPeers = argv.includes("--no-peers");
const only = argv.find((a) => a.startsWith("--only="))?.slice(7).split(",");

/** What one scenario produced. */
export interface ScenarioResult {
  id: string;
  issue: string;
  title: string;
  runtime: string;
  command: string;
  ok: boolean;
  error?: string;
  optional?: string;
  seconds: number;
  loadavg: [number, number];
  json?: unknown;
  tables?: Table[];
  text?: string;
}

/** The whole run. */
export interface BenchRun {
  date: string;
  command: string;
  quick: boolean;
  machine: {
    cores: number;
    cpu: string;
    memoryGiB: number;
    node: string;
    deno: string;
    bun: string;
  };
  nodeExtraCaCerts: boolean;
  loadavgStart: number[];
  loadavgEnd: number[];
  peers: string;
  scenarios: ScenarioResult[];
}

const version = (bin: string, args: string[]) => {
  const run = spawnSync(join(BIN, bin), args, { encoding: "utf8" });
  return run.stdout?.split("\n")[0]?.trim() || "not found";
};

const launch: Record<Runtime, (file: string) => [string, string[]]> = {
  node: (f) => [process.execPath, [
    "--no-warnings",
    "--expose-gc",
    "--conditions=@mcpwire/source",
    "--import",
    "tsx",
    f,
  ]],
  deno: (f) => [join(BIN, "deno"), ["run", "-A", "--v8-flags=--expose-gc", f]],
  bun: (f) => [join(BIN, "bun"), ["--conditions=@mcpwire/source", f]],
};

const display: Record<Runtime, string> = {
  node: "node --expose-gc --conditions=@mcpwire/source --import tsx",
  deno: "deno run -A --v8-flags=--expose-gc",
  bun: "bun --conditions=@mcpwire/source",
};

/** Installs the peers for a full run when they are missing; says what happened. */
function preparePeers(): string {
  if (quick) return "not measured: --quick never installs bench/peers (LangChain, Mastra, mcp-use)";
  if (noPeers) return "not measured: --no-peers";
  if (existsSync(join(PEERS_DIR, "node_modules/@mastra/mcp"))) return "installed (bench/peers)";
  console.error("bench: installing the peer clients into bench/peers …");
  const run = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--prefix", PEERS_DIR], {
    stdio: "inherit",
  });
  return run.status === 0 ? "installed now (npm install --prefix bench/peers)" : "install failed";
}

/**
 * Node scenarios that run mcpwire from its built `dist` (tsc output, what npm ships) instead of
 * the sources under tsx, whose esbuild keepNames wraps every named function and class creation
 * in `__name` calls that published code never makes. Their MCPWIRE_BEFORE trees are built the
 * same way (_before.ts).
 */
const FROM_DIST = new Set(["stdio-clients.ts", "stdio.ts"]);
const SOURCE_CONDITION = "--conditions=@mcpwire/source";
let distBuilt = false;

/** Builds packages/core and packages/transport-stdio into their `dist` (once per run). */
function buildDist(): void {
  if (distBuilt) return;
  distBuilt = true;
  const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
  for (const pkg of ["core", "transport-stdio"]) {
    const run = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json"], {
      cwd: join(ROOT, "packages", pkg),
      stdio: "inherit",
    });
    if (run.status !== 0) throw new Error(`bench: building packages/${pkg} failed`);
  }
}

/** How a command line shows MCPWIRE_BEFORE (see _before.ts), when it is set. */
const BEFORE_PREFIX = process.env.MCPWIRE_BEFORE
  ? `MCPWIRE_BEFORE=${process.env.MCPWIRE_BEFORE} `
  : "";

async function runScenario(s: Scenario, peersOn: boolean): Promise<ScenarioResult> {
  const knobs = { ...(quick ? s.quick! : s.full) };
  if (s.peers && !peersOn) knobs.PEERS = "0";
  const dir = mkdtempSync(join(tmpdir(), "mcpwire-bench-"));
  const out = join(dir, "out.json");
  const saved = (s.rewrites ?? []).map((f) => {
    const path = join(RESULTS, f);
    return [path, existsSync(path) ? readFileSync(path, "utf8") : undefined] as const;
  });
  const [cmd, launchArgs] = launch[s.runtime](join(HERE, s.script));
  const fromDist = s.runtime === "node" && FROM_DIST.has(s.script);
  if (fromDist) buildDist();
  const args = fromDist ? launchArgs.filter((a) => a !== SOURCE_CONDITION) : launchArgs;
  const shown = fromDist ? display.node.replace(` ${SOURCE_CONDITION}`, "") : display[s.runtime];
  const command =
    `${BEFORE_PREFIX}${Object.entries(knobs).map(([k, v]) => `${k}=${v}`).join(" ")} ` +
    `${shown} bench/src/${s.script}${fromDist ? " (mcpwire from its tsc-built dist)" : ""}`;
  const loadStart = loadavg()[0]!;
  const started = performance.now();
  const limitMs = (quick ? 4 : 25) * 60_000;
  const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve) => {
      const child = spawn(cmd, args, {
        cwd: ROOT,
        env: { ...process.env, ...knobs, BENCH_OUT: out, NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (t: string) => (stdout += t));
      child.stderr.setEncoding("utf8").on("data", (t: string) => {
        stderr += t;
        process.stderr.write(
          t.split("\n").filter(Boolean).map((l) => `  [${s.id}] ${l}\n`).join(""),
        );
      });
      const timer = setTimeout(() => child.kill("SIGKILL"), limitMs);
      child.once("close", (code) => (clearTimeout(timer), resolve({ code, stdout, stderr })));
    },
  );
  for (const [path, text] of saved) {
    if (text === undefined) rmSync(path, { force: true });
    else if (readFileSync(path, "utf8") !== text) writeFileSync(path, text);
  }
  const result: ScenarioResult = {
    id: s.id,
    issue: s.issue,
    title: s.title,
    runtime: s.runtime,
    command,
    ok: run.code === 0,
    optional: s.optional,
    seconds: (performance.now() - started) / 1000,
    loadavg: [loadStart, loadavg()[0]!],
  };
  if (run.code !== 0) {
    result.error = `exit ${run.code}: ${
      (run.stderr || run.stdout).trim().split("\n").slice(-6).join("\n")
    }`;
  }
  if (s.json && existsSync(out)) result.json = JSON.parse(readFileSync(out, "utf8"));
  else result.tables = parseTables(run.stdout);
  result.text = run.stdout.split("\n").filter((l) => !l.startsWith("|")).join("\n").trim();
  rmSync(dir, { recursive: true, force: true });
  if (result.ok && !s.json && result.tables!.length === 0) {
    result.ok = false;
    result.error = "no table in the script's output";
  }
  return result;
}

/** Formats what the run wrote the way `deno fmt --check` (part of `npm run lint`) wants it. */
function formatOutputs(): void {
  spawnSync(join(BIN, "deno"), ["fmt", "--quiet", LATEST, join(ROOT, "BENCHMARKS.md")], {
    cwd: ROOT,
    stdio: "ignore",
  });
}

async function main(): Promise<void> {
  if (argv.includes("--render")) {
    const run = JSON.parse(readFileSync(LATEST, "utf8")) as BenchRun;
    writeFileSync(join(ROOT, "BENCHMARKS.md"), renderBenchmarks(run));
    formatOutputs();
    console.log("BENCHMARKS.md rendered from bench/results/latest.json");
    return;
  }
  const loadavgStart = loadavg();
  const peers = preparePeers();
  const peersOn = peers.startsWith("installed");
  const picked = SCENARIOS.filter((s) =>
    (!quick || s.quick) && (!only || only.some((o) => s.id.startsWith(o)))
  );
  const scenarios: ScenarioResult[] = [];
  for (const s of picked) {
    console.error(`bench: ${s.id} (${s.runtime}) …`);
    const result = await runScenario(s, peersOn);
    scenarios.push(result);
    console.error(
      `bench: ${s.id} ${result.ok ? "done" : "FAILED"} in ${result.seconds.toFixed(0)} s` +
        (result.error ? `\n${result.error}` : ""),
    );
  }
  const run: BenchRun = {
    date: new Date().toISOString(),
    command: `${BEFORE_PREFIX}npm run bench${argv.length ? ` -- ${argv.join(" ")}` : ""}`,
    quick,
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model.trim() ?? "unknown",
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      deno: version("deno", ["--version"]),
      bun: version("bun", ["--version"]),
    },
    nodeExtraCaCerts: Boolean(process.env.NODE_EXTRA_CA_CERTS),
    loadavgStart,
    loadavgEnd: loadavg(),
    peers,
    scenarios,
  };
  if (quick) {
    const path = join(tmpdir(), "mcpwire-bench-quick.json");
    writeFileSync(path, JSON.stringify(run, null, 2));
    console.log(renderBenchmarks(run));
    console.log(
      `\nbench --quick: ${scenarios.length} scenarios ran (results in ${path}; ` +
        `BENCHMARKS.md untouched; peers ${peers}). No speed is asserted.`,
    );
  } else {
    if (only && existsSync(LATEST)) {
      const previous = JSON.parse(readFileSync(LATEST, "utf8")) as BenchRun;
      const fresh = new Set(scenarios.map((s) => s.id));
      run.scenarios = [...previous.scenarios.filter((s) => !fresh.has(s.id)), ...scenarios];
      run.command = `${previous.command}; then ${run.command}`;
      run.loadavgStart = previous.loadavgStart;
    }
    writeFileSync(LATEST, JSON.stringify(run, null, 2) + "\n");
    writeFileSync(join(ROOT, "BENCHMARKS.md"), renderBenchmarks(run));
    formatOutputs();
    console.log("bench: wrote bench/results/latest.json and BENCHMARKS.md");
  }
  const failed = scenarios.filter((s) => !s.ok && !s.optional);
  if (failed.length) {
    console.error(
      `bench: ${failed.length} scenario(s) failed: ${failed.map((s) => s.id).join(", ")}`,
    );
    process.exitCode = 1;
  }
}

await main();
