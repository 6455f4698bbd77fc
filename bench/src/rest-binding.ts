// The REST binding's own cost on Node, against the ceiling, finer than rest.ts can show: the CPU
// time (user + system, from /proc) each server process spends per answered request, and its
// req/s, for `POST /v1/servers/{server}/tools/{tool}` driven by `wrk` over loopback. Contenders,
// each in its own process, interleaved round by round (order alternating): the binding (today's
// sources), optionally the binding as of MCPWIRE_BEFORE=<ref> (today's core), and the ceiling (a
// node:http server calling core's `Client` directly, no checks). Upstreams:
// - `instant`: an in-process transport answering at once (rest-instant.mjs), so a process's CPU
//   per request is HTTP + binding (or ceiling) + core's client and nothing else: the binding's
//   own work is the difference to the ceiling.
// - `minimal` / `everything`: the stdio servers of rest.ts (_rest-upstreams.ts: an SDK v2 server
//   with `add`, server-everything's `echo`), one per process (binding: `mcpwire-rest --config`;
//   ceiling: _rest-ceiling.mjs); the MCP server's CPU per request shows as "+ server".
// Every number is a median over rounds with its min–max; ratios are per round, against the
// ceiling of the same upstream, connections and round; CPU figures read n/a where /proc cannot be
// read. Writes nothing but stdout.
// Run (under the CPU lock): node --conditions=@mcpwire/source --import tsx bench/src/rest-binding.ts
// Knobs: UPSTREAMS (default `instant,minimal`), CONNECTIONS (default `32`), ROUNDS (default 6),
// SECONDS per run (default 3), MCPWIRE_BEFORE=<git ref>, WRK (binary), PROFILE_DIR (servers run
// with --cpu-prof, profiles written there when they stop), RESTART=1 (fresh processes every round:
// each process keeps its luck — core placement, JIT — for its life, which one-process-per-run
// designs cannot average out), VERBOSE=1 (every run on stderr), SHARED=1 (adds one binding process
// serving every stdio upstream, as rest.ts runs it).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BEFORE_REF, beforeDir } from "./_before.ts";
import { type Launch, mcpServersOf, type RestUpstream, restUpstream } from "./_rest-upstreams.ts";
import { median } from "./_stats.ts";
import { cpuOf, type Served, spawnServed } from "./_served.ts";
import { checkPost, runWrk, writePostScript } from "./_wrk.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const REST = `${ROOT}packages/bindings-rest/src`;
const ROUNDS = Number(process.env.ROUNDS ?? 6);
const SECONDS = Math.max(1, Math.round(Number(process.env.SECONDS ?? 3)));
const CONNECTIONS = (process.env.CONNECTIONS ?? "32").split(",").map(Number);
const UPSTREAMS = (process.env.UPSTREAMS ?? "instant,minimal").split(",").filter(Boolean);
const PROFILE_DIR = process.env.PROFILE_DIR;
/** Fresh processes every round (RESTART=1): a process's luck (core placement, JIT) then averages out. */
const RESTART = process.env.RESTART === "1";
/** SHARED=1: one more binding process serving every stdio upstream, as rest.ts runs it. */
const SHARED = process.env.SHARED === "1";
/** VERBOSE=1: every run on stderr as it ends. */
const VERBOSE = process.env.VERBOSE === "1";
/** A CPU figure where /proc could not be read (not Linux): rest.ts shows `—` there too. */
const NA = "n/a";
/** How the stdio servers run: TypeScript under tsx, JavaScript (server-everything) on plain node. */
const launch: Launch = (file, ...rest) =>
  file.endsWith(".ts") ? ["--import", "tsx", file, ...rest] : [file, ...rest];

/** Runs `file` under tsx from the sources; resolves with the URL it prints on stderr. */
function start(file: string, args: string[]): Promise<Served> {
  const profile = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  return spawnServed(file, [
    ...profile,
    "--conditions=@mcpwire/source",
    "--import",
    "tsx",
    file,
    ...args,
  ]);
}

interface Run {
  perSec: number;
  /** CPU µs per answered request of the process and of its children; undefined without /proc. */
  cpuUs?: number;
  childUs?: number;
  failures: number;
}

/**
 * One wrk run against `served`, with the CPU its process and children used per answered request
 * (its own measure: rest.ts divides by req/s × the run's length instead).
 */
async function measure(
  served: Served,
  script: string,
  url: string,
  connections: number,
  seconds = SECONDS,
): Promise<Run> {
  const before = cpuOf(served.child.pid);
  const out = await runWrk({ script, url, connections, seconds });
  const after = cpuOf(served.child.pid);
  const answered = out.requests - out.non2xx;
  const run = { perSec: answered / out.seconds, failures: out.non2xx + out.socketErrors };
  if (!before || !after) return run;
  return {
    ...run,
    cpuUs: (after.own - before.own) / answered,
    childUs: (after.children - before.children) / answered,
  };
}

const dir = mkdtempSync(join(tmpdir(), "mcpwire-rest-binding-"));
let processes: Served[] = [];
/** Contenders by `upstream|name`: how to run one measurement. */
const contenders = new Map<string, (connections: number, seconds?: number) => Promise<Run>>();

async function add(
  upstream: string,
  name: string,
  served: Served,
  path: string,
  { tool, body }: Pick<RestUpstream, "tool" | "body">,
) {
  processes.push(served);
  if (VERBOSE) console.error(`${upstream}|${name}: pid ${served.child.pid}`);
  const url = served.url + path;
  await checkPost(url, body);
  const lua = writePostScript(dir, tool, body);
  contenders.set(`${upstream}|${name}`, (n, seconds) => measure(served, lua, url, n, seconds));
}

const before = BEFORE_REF ? join(beforeDir()!, "packages/bindings-rest/src") : undefined;
const bindings: [string, string][] = [["binding", REST]];
if (before) bindings.push([`binding (before: ${BEFORE_REF})`, before]);
const results = new Map<string, Run[]>();
const loadStart = loadavg();
/** Starts every contender's process, checks it answers, and warms it up. */
async function setup(): Promise<void> {
  for (const upstream of UPSTREAMS) {
    if (upstream === "instant") {
      const file = `${ROOT}bench/src/rest-instant.mjs`;
      // rest-instant.mjs serves the minimal server's `add`.
      const minimal = restUpstream("minimal")!;
      for (const [name, src] of bindings) {
        const served = await start(file, ["binding", `${src}/mod.ts`]);
        await add(upstream, name, served, "/v1/servers/instant/tools/add", minimal);
      }
      await add(upstream, "ceiling", await start(file, ["ceiling"]), "", minimal);
      continue;
    }
    const server = restUpstream(upstream);
    if (!server) throw new Error(`UPSTREAMS: unknown '${upstream}' (instant, minimal, everything)`);
    const config = join(dir, `${upstream}.json`);
    writeFileSync(config, JSON.stringify({ mcpServers: mcpServersOf([server], launch) }));
    const route = `/v1/servers/${upstream}/tools/${server.tool}`;
    for (const [name, src] of bindings) {
      const served = await start(`${src}/cli.ts`, ["--config", config, "--port", "0"]);
      await add(upstream, name, served, route, server);
    }
    const ceiling = await start(`${ROOT}bench/src/_rest-ceiling.mjs`, [
      config,
      upstream,
      server.tool,
    ]);
    await add(upstream, "ceiling", ceiling, "", server);
  }
  const stdio = UPSTREAMS.flatMap((u) => restUpstream(u) ?? []);
  if (SHARED && stdio.length > 0) {
    const config = join(dir, "shared.json");
    writeFileSync(config, JSON.stringify({ mcpServers: mcpServersOf(stdio, launch) }));
    const served = await start(`${REST}/cli.ts`, ["--config", config, "--port", "0"]);
    for (const server of stdio) {
      const route = `/v1/servers/${server.id}/tools/${server.tool}`;
      await add(server.id, "binding (one process, every server)", served, route, server);
    }
  }
  for (const run of contenders.values()) await run(CONNECTIONS.at(-1)!, 1); // warm-up
}

/** Stops every contender's process (and so its MCP server) and waits for it to exit. */
async function stop(): Promise<void> {
  const exited = processes.map((p) =>
    p.child.exitCode !== null ? undefined : new Promise((done) => p.child.once("exit", done))
  );
  for (const p of processes) p.child.kill("SIGTERM");
  processes = [];
  await Promise.all(exited);
}

try {
  if (!RESTART) await setup();
  for (let round = 0; round < ROUNDS; round++) {
    if (RESTART) await setup();
    const keys = [...contenders.keys()];
    if (round % 2) keys.reverse();
    for (const connections of CONNECTIONS) {
      for (const key of keys) {
        const at = `${key}|${connections}`;
        const run = await contenders.get(key)!(connections);
        results.set(at, [...(results.get(at) ?? []), run]);
        if (VERBOSE) {
          console.error(
            `${at}: ${run.perSec.toFixed(0)}/s, ${run.cpuUs?.toFixed(1) ?? NA} + ${
              run.childUs?.toFixed(1) ?? NA
            } µs/req`,
          );
        }
      }
    }
    if (RESTART) await stop();
    console.error(`round ${round + 1}/${ROUNDS} done`);
  }
} finally {
  await stop();
  rmSync(dir, { recursive: true, force: true });
}

const spread = (xs: number[], digits: number) =>
  `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${
    Math.max(...xs).toFixed(digits)
  })`;
const cpuDiff = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? undefined : a - b;
/** `spread` of CPU figures, or n/a when any run could not read them (no /proc). */
const cpuSpread = (xs: (number | undefined)[], digits: number) =>
  xs.every((x) => x !== undefined) ? spread(xs, digits) : NA;
const rows: string[] = [];
for (const connections of CONNECTIONS) {
  for (const upstream of UPSTREAMS) {
    const ceiling = results.get(`${upstream}|ceiling|${connections}`)!;
    for (const key of contenders.keys()) {
      if (!key.startsWith(`${upstream}|`)) continue;
      const runs = results.get(`${key}|${connections}`)!;
      const name = key.slice(upstream.length + 1);
      rows.push(
        `| ${upstream} | ${connections} | ${name} | ${spread(runs.map((r) => r.perSec), 0)} | ${
          spread(runs.map((r, i) => r.perSec / ceiling[i]!.perSec), 3)
        } | ${cpuSpread(runs.map((r) => r.cpuUs), 1)} | ${
          cpuSpread(runs.map((r, i) => cpuDiff(r.cpuUs, ceiling[i]!.cpuUs)), 1)
        } | ${upstream === "instant" ? "—" : cpuSpread(runs.map((r) => r.childUs), 1)} | ${
          runs.reduce((n, r) => n + r.failures, 0)
        } |`,
      );
    }
  }
}
const noCpu = [...results.values()].some((runs) => runs.some((r) => r.cpuUs === undefined));
const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(", ");
console.log(
  `| upstream | connections | contender | req/s | vs ceiling (req/s) | CPU µs/req | − ceiling's (µs) | + server µs/req | failures |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

Medians over ${ROUNDS} rounds of ${SECONDS} s (min–max); ratios and differences per round.${
    noCpu ? " CPU figures n/a: /proc could not be read." : ""
  } Load average ${load(loadStart)} → ${load(loadavg())}. ${new Date().toISOString()}`,
);
