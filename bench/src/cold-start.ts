// Scenarios 4 and 7 (import part): cold start — a fresh Node process imports the client library,
// spawns the raw stdio server, initializes and gets the first tool result — timed from spawning
// that process to its answer; plus the import's own time and resident memory. mcpwire runs from
// an esbuild bundle of its sources (what its dist/ would load; npm dependencies stay external).
// NODE_EXTRA_CA_CERTS is removed from the children's environment (it adds ~60 ms per Node start).
// Env: ROUNDS, PEERS=0, MCPWIRE_BEFORE=<git ref> (adds "mcpwire (before)", see _before.ts), PROFILE=1 (CPU profile of one mcpwire and one SDK v2 cold start),
// BENCH_OUT. Run: node --conditions=@mcpwire/source --import tsx bench/src/cold-start.ts
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { summarizeProfile } from "./_profile.ts";
import { RAW_SERVER_SOURCE } from "./_raw-server.ts";
import { emit, fmt, rotate, summarize } from "./_stats.ts";
import { BEFORE_NAME, beforeDir } from "./_before.ts";
import { coldEnv, npmExternal } from "./_bundle.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 9);
const HERE = fileURLToPath(new URL(".", import.meta.url));
const CACHE = join(HERE, "../node_modules/.mcpwire-bench"); // ignored by git, resolves npm deps
const PEERS_PACKAGE = join(HERE, "../peers/package.json");
const PEERS_INSTALLED = existsSync(join(HERE, "../peers/node_modules/@mastra/mcp"));

/**
 * Bundles mcpwire's core + stdio transport from source; returns the bundle's path. With `from`
 * (a directory holding an older checkout's packages, see _before.ts) it bundles those instead.
 */
export async function bundleMcpwire(from?: string): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const outfile = join(CACHE, from ? "mcpwire-before.mjs" : "mcpwire.mjs");
  const own = (name: string) =>
    from ? join(from, "packages", name, "src/mod.ts") : `@mcpwire/${name}`;
  await build({
    stdin: {
      contents: `export { Client } from ${JSON.stringify(own("core"))};\n` +
        `export { StdioTransport } from ${JSON.stringify(own("transport-stdio"))};\n`,
      resolveDir: HERE,
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    conditions: ["@mcpwire/source"],
    outfile,
    logLevel: "error",
    // an older checkout's packages import each other by name: keep them within that checkout
    plugins: [npmExternal(from ? (name) => OWN.includes(name) ? own(name) : undefined : undefined)],
  });
  return outfile;
}

/** The packages a cold start bundles (an older checkout's when `from` is given). */
const OWN = ["core", "transport-stdio"];

let beforeBundle: string | undefined;

const childEnv = (bundle: string): NodeJS.ProcessEnv =>
  coldEnv({
    MCPWIRE_BUNDLE: bundle,
    ...(beforeBundle && { MCPWIRE_BEFORE_BUNDLE: beforeBundle }),
    PEERS_PACKAGE,
    RAW_SERVER_SOURCE,
    MCP_USE_ANONYMIZED_TELEMETRY: "false",
  });

interface ColdRun {
  wallMs: number;
  importMs: number;
  importRssMb: number;
}

/** Runs one cold start; `extra` are node flags (e.g. --cpu-prof). */
export function coldOnce(
  contender: string,
  bundle: string,
  extra: string[] = [],
): Promise<ColdRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [...extra, join(HERE, "_cold-child.mjs"), contender], {
      env: childEnv(bundle),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    let wallMs = 0;
    child.stdout.setEncoding("utf8").on("data", (t: string) => {
      if (!wallMs && t.includes("\n")) wallMs = performance.now() - start;
      out += t;
    });
    child.stderr.setEncoding("utf8").on("data", (t: string) => (err += t));
    child.once("exit", (code) => {
      try {
        const line = JSON.parse(out.split("\n")[0]!);
        resolve({ wallMs, importMs: line.importMs, importRssMb: line.importRssMb });
      } catch {
        reject(new Error(`${contender} cold start failed (exit ${code}): ${err.slice(-500)}`));
      }
    });
  });
}

/** The files (per package) a library's import loads, traced with module hooks. */
async function traceImports(contender: string, bundle: string): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), "mcpwire-trace-"));
  const file = join(dir, "trace.txt");
  process.env.TRACE_FILE = file;
  try {
    await coldOnce(contender, bundle, ["--import", join(HERE, "_trace-hook.mjs")]);
    const counts: Record<string, number> = {};
    for (const url of new Set(readFileSync(file, "utf8").split("\n").filter(Boolean))) {
      if (url.startsWith("node:") || url.endsWith("_cold-child.mjs")) continue;
      const nm = url.includes(".mcpwire-bench/") ? -1 : url.lastIndexOf("node_modules/");
      const rest = nm === -1 ? ["mcpwire (bundled sources)"] : url.slice(nm + 13).split("/");
      const pkg = rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
      counts[pkg] = (counts[pkg] ?? 0) + 1;
    }
    return counts;
  } finally {
    delete process.env.TRACE_FILE;
    rmSync(dir, { recursive: true, force: true });
  }
}

async function profile(contender: string, bundle: string) {
  const dir = mkdtempSync(join(tmpdir(), "mcpwire-prof-"));
  try {
    await coldOnce(contender, bundle, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
    const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"))!;
    return summarizeProfile(join(dir, file), 10);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const bundle = await bundleMcpwire();
  const before = beforeDir();
  if (before) beforeBundle = await bundleMcpwire(before);
  const usePeers = PEERS_INSTALLED && process.env.PEERS !== "0";
  const names = ["hand-written floor", "mcpwire", "SDK v2", "SDK v1"];
  if (before) names.splice(2, 0, BEFORE_NAME);
  if (usePeers) names.push("mcp-use", "LangChain", "Mastra");
  const runs = new Map<string, ColdRun[]>(names.map((n) => [n, []]));
  for (const n of names) await coldOnce(n, bundle); // warm the file cache
  for (let round = 0; round < ROUNDS; round++) {
    for (const n of rotate(names, round)) runs.get(n)!.push(await coldOnce(n, bundle));
    process.stderr.write(`cold-start: round ${round + 1}/${ROUNDS}\n`);
  }
  const floorWall = runs.get("hand-written floor")!.map((r) => r.wallMs);
  const sdkWall = runs.get("SDK v2")!.map((r) => r.wallMs);
  const rows = names.map((n) => {
    const rs = runs.get(n)!;
    const wall = rs.map((r) => r.wallMs);
    return {
      contender: n,
      coldStartMs: summarize(wall),
      vsFloor: summarize(wall.map((x, i) => x / floorWall[i]!)),
      vsSdk: summarize(wall.map((x, i) => x / sdkWall[i]!)),
      importMs: summarize(rs.map((r) => r.importMs)),
      importRssMb: summarize(rs.map((r) => r.importRssMb)),
    };
  });
  const result: Record<string, unknown> = {
    rounds: ROUNDS,
    notes: usePeers ? [] : ["peers not measured (bench/peers not installed or PEERS=0)"],
    rows,
    eagerImports: {
      mcpwire: await traceImports("mcpwire", bundle),
      ...(before && { [BEFORE_NAME]: await traceImports(BEFORE_NAME, bundle) }),
      "SDK v2": await traceImports("SDK v2", bundle),
    },
  };
  if (process.env.PROFILE === "1") {
    result.profiles = {
      mcpwire: await profile("mcpwire", bundle),
      ...(before && { [BEFORE_NAME]: await profile(BEFORE_NAME, bundle) }),
      "SDK v2": await profile("SDK v2", bundle),
    };
  }
  emit(result);
  console.log(
    [
      "| contender | cold start ms | × floor | × SDK v2 | import ms | import RSS MB |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
      ...rows.map((r) =>
        `| ${r.contender} | ${fmt(r.coldStartMs)} | ${r.vsFloor.median.toFixed(2)} | ` +
        `${r.vsSdk.median.toFixed(2)} | ${fmt(r.importMs)} | ${fmt(r.importRssMb, 1)} |`
      ),
      "",
      `Eager imports: ${JSON.stringify(result.eagerImports)}`,
    ].join("\n"),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
