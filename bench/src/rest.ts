// Throughput and latency of POST /v1/servers/{server}/tools/{tool} through @mcpwire/bindings-rest
// over loopback, against direct mcpwire Client.callTool calls to the same server, for two stdio
// servers: a minimal SDK v2 server with a tool `add` (so the binding's own cost shows) and
// `@modelcontextprotocol/server-everything` with its tool `echo` (a real server, as users put
// behind the binding). The binding runs in its own process (`mcpwire-rest`, as in production, one
// process with both servers in its config), and so does the ceiling it is measured against
// (_rest-ceiling.mjs, started the same way, one per server); both are driven by `wrk` (Debian's
// package: a separate C process, so the load generator does not eat the JavaScript runtime's CPU);
// the direct contender is a closed loop of `callTool` in this process with the same concurrency.
// Rounds interleaved (every contender of every server, order alternating), ratios per round
// against the direct contender of the same server; CPU per request of the server processes from
// /proc (Linux).
// Run: node --conditions=@mcpwire/source --import tsx bench/src/rest.ts
// Knobs: ROUNDS (default 5), SECONDS per run (whole seconds, wrk's unit; default 3), WRK (binary),
// SERVERS (comma-separated from `minimal,everything`; default both, but only `minimal` when SECONDS
// is below 1, which is how `npm run bench -- --quick` runs this script, to keep it short),
// MCPWIRE_BEFORE=<git ref> (Node only; adds "REST (before)": a second `mcpwire-rest` process
// running that ref's packages/bindings-rest, with today's core and config, interleaved), BUILT=1
// (Node only: binding and ceiling from the packages' built dist with plain node, not under tsx),
// CONNECTIONS (comma-separated; default `1,32`), DIRECT=0 (skips the direct contenders and the floor:
// a shorter before/after run of the HTTP rows only), FRESH=0 (one binding and ceiling process per run,
// not fresh ones every round).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@mcpwire/core";
import { BEFORE_REF as BEFORE, beforeDir } from "./_before.ts";
import {
  mcpServersOf,
  REST_UPSTREAMS,
  type RestUpstream,
  type ToolAnswer,
} from "./_rest-upstreams.ts";
import { median } from "./_stats.ts";
import { cpuOf, type Served, spawnServed } from "./_served.ts";
import { checkPost, runWrk, writePostScript, WRK, wrkVersion } from "./_wrk.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLI = `${ROOT}packages/bindings-rest/src/cli.ts`;
const CEILING_SERVER = `${ROOT}bench/src/_rest-ceiling.mjs`;
/**
 * BUILT=1 (Node only): the binding and the ceiling run as npm users run them, with plain `node` on
 * the packages' tsc-built `dist` (build each package first), instead of from the sources under tsx.
 */
const BUILT = process.env.BUILT === "1" && !("Deno" in globalThis) && !("Bun" in globalThis);
const BUILT_CLI = `${ROOT}packages/bindings-rest/dist/cli.js`;
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const RAW_SECONDS = Number(process.env.SECONDS ?? 3);
// wrk takes whole seconds only.
const SECONDS = Math.max(1, Math.round(RAW_SECONDS));
const CONNECTIONS = (process.env.CONNECTIONS ?? "1,32").split(",").map(Number);
if (CONNECTIONS.some((n) => !(n >= 1))) throw new Error(`CONNECTIONS=${process.env.CONNECTIONS}`);
const DIRECT_ON = process.env.DIRECT !== "0";
/**
 * Fresh server processes every round (FRESH=0: one per run). A process keeps its luck for its
 * whole life (which core it and its MCP server share with wrk, what its JIT made of the hot path):
 * two processes running the same binding read 0.91× and 1.02× the same ceiling over a run, each
 * steady round after round, so rounds in one process each cannot average that out.
 */
const FRESH = process.env.FRESH !== "0";
const runtime = "Deno" in globalThis ? "deno" : "Bun" in globalThis ? "bun" : "node";
/** Arguments that run a script file with the current runtime. */
const run = (file: string, ...rest: string[]) =>
  runtime === "node"
    ? ["--import", "tsx", file, ...rest]
    : runtime === "deno"
    ? ["run", "-A", file, ...rest]
    : [file, ...rest];

const wanted = (process.env.SERVERS ?? (RAW_SECONDS < 1 ? "minimal" : "minimal,everything"))
  .split(",").map((x) => x.trim()).filter(Boolean);
const SERVERS = Object.values(REST_UPSTREAMS).filter((s) => wanted.includes(s.id));
if (SERVERS.length === 0) {
  throw new Error(`SERVERS=${wanted.join(",")}: none of minimal,everything`);
}
/** A one-server config for the direct and ceiling clients. */
const configOf = (s: RestUpstream) => ({ mcpServers: mcpServersOf([s], run) });
/** The binding's config: every server under test. */
const config = { mcpServers: mcpServersOf(SERVERS, run) };

/** One run of one contender at one concurrency. */
interface Run {
  perSec: number;
  p50: number;
  p99: number;
  failures: number;
  /** CPU µs per answered request of the HTTP server's process (server processes, Linux only). */
  cpuUs?: number;
  /** Likewise of the MCP server(s) that process started. */
  childCpuUs?: number;
}

/** Closed loop in this process: `connections` loops each awaiting `call()` for `seconds`. */
async function loop(call: () => Promise<void>, connections: number, seconds: number) {
  const latencies: number[] = [];
  let failures = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < end) {
      const t = performance.now();
      try {
        await call();
        latencies.push(performance.now() - t);
      } catch {
        failures++;
      }
    }
  }));
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { perSec: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), failures };
}

/** Drives `url` with wrk (`--latency`): req/s answered, p50 and p99, failed requests. */
async function wrk(
  script: string,
  url: string,
  connections: number,
  seconds: number,
): Promise<Run> {
  const out = await runWrk({ script, url, connections, seconds, latency: true });
  return {
    perSec: (out.requests - out.non2xx) / out.seconds,
    p50: out.p50 ?? NaN,
    p99: out.p99 ?? NaN,
    failures: out.non2xx + out.socketErrors,
  };
}

/**
 * Starts `file` with `args` as the binding is run from the repository (Node: from the sources under
 * tsx), and resolves with the URL it prints as `listening on <url>` on stderr.
 */
function startServer(file: string, args: string[], built = BUILT): Promise<Served> {
  if (built && !existsSync(file)) {
    throw new Error(`BUILT=1: ${file} is missing; build the packages (npx tsc -p tsconfig.json)`);
  }
  const cli = built
    ? [file]
    : runtime === "node"
    ? ["--conditions=@mcpwire/source", "--import", "tsx", file]
    : runtime === "deno"
    ? ["run", "-A", file]
    : ["--conditions=@mcpwire/source", file];
  return spawnServed(file, [...cli, ...args]);
}

/** The binding (`file`: its CLI) in its own process, serving every server under test. */
function startBinding(dir: string, before?: string): Promise<Served> {
  const path = join(dir, "mcp.json");
  writeFileSync(path, JSON.stringify(config));
  const args = ["--config", path, "--port", "0"];
  // An older binding runs from its sources (it has no build).
  return before ? startServer(before, args, false) : startServer(BUILT ? BUILT_CLI : CLI, args);
}

/** The ceiling of `server` in its own process, started like the binding (see _rest-ceiling.mjs). */
function startCeiling(dir: string, server: RestUpstream): Promise<Served> {
  const path = join(dir, `${server.id}.json`);
  writeFileSync(path, JSON.stringify(configOf(server)));
  return startServer(CEILING_SERVER, [path, server.id, server.tool]);
}

/** wrk against a server process, with the CPU it and its MCP servers used per answered request. */
async function wrkServed(
  served: Served,
  script: string,
  url: string,
  connections: number,
  seconds: number,
): Promise<Run> {
  const before = cpuOf(served.child.pid);
  const run = await wrk(script, url, connections, seconds);
  const after = cpuOf(served.child.pid);
  if (!before || !after) return run;
  const requests = run.perSec * seconds;
  return {
    ...run,
    cpuUs: (after.own - before.own) / requests,
    childCpuUs: (after.children - before.children) / requests,
  };
}

/**
 * Checks once, outside the timed runs, that a URL answers `server`'s call (200, and the right answer
 * unless `constant`).
 */
function check(url: string, server: RestUpstream, constant = false): Promise<void> {
  return checkPost(
    url,
    server.body,
    constant ? undefined : (a) => server.ok(a as ToolAnswer),
  );
}

/** A node:http server in this process answering every request with `answer` as JSON. */
function listenHttp(answer: string): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    req.on("data", () => {}).on("end", () => {
      res.setHeader("content-type", "application/json");
      res.end(answer);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
        close: () => server.close(),
      }))
  );
}

// The floor: a bare node:http server answering a constant JSON body, no MCP at all.
const CONSTANT =
  '{"content":[{"type":"text","text":"2"}],"structuredContent":{"sum":2},"data":{"sum":2},"isError":false}';

type Contender = (connections: number, seconds: number) => Promise<Run>;

const DIRECT = "mcpwire Client.callTool (direct, stdio, in-process loop)";
const REST = "REST: mcpwire-rest process, POST over loopback (wrk)";
// Node only: the extracted copy has no deno.json for Deno to resolve the workspace's packages with.
const BEFORE_REF = runtime === "node" ? BEFORE : undefined;
const REST_BEFORE =
  `REST (before: ${BEFORE_REF}'s binding in its own process), POST over loopback (wrk)`;
const FLOOR = "floor: bare node:http server, constant JSON, no MCP (wrk)";
const CEILING = "ceiling: node:http + core Client.callTool in its own process, no checks (wrk)";
/** The floor is not an MCP server; its ratio is against the first server's direct contender. */
const NO_SERVER = "none (HTTP only)";
const version = wrkVersion();
const loadStart = loadavg();
const dir = mkdtempSync(join(tmpdir(), "mcpwire-rest-bench-"));

/** Every contender, keyed `server label|contender name`, in the order the table lists them. */
const contenders = new Map<string, Contender>();
const cleanup: (() => void | Promise<void>)[] = [
  () => rmSync(dir, { recursive: true, force: true }),
];
const key = (server: string, name: string) => `${server}|${name}`;

/** Stops a server process (and so its MCP servers) and waits for it to exit. */
function stopServer(served: Served): Promise<void> {
  if (served.child.exitCode !== null || served.child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((done) => served.child.once("exit", () => done()));
  served.child.kill("SIGTERM");
  return exited;
}

/**
 * Starts the server processes (the binding, the older binding, one ceiling per server), checks
 * each answers, and sets their contenders; resolves with what stops them all.
 */
async function startServed(): Promise<() => Promise<void>> {
  const started: Served[] = [];
  const stop = async () => void (await Promise.all(started.splice(0).map(stopServer)));
  const track = async (starting: Promise<Served>) => {
    const served = await starting;
    started.push(served);
    return served;
  };
  try {
    // All at once: each waits mostly for its MCP servers to start.
    const settled = await Promise.allSettled([
      track(startBinding(dir)),
      BEFORE_REF
        ? track(startBinding(dir, join(beforeDir()!, "packages/bindings-rest/src/cli.ts")))
        : undefined,
      ...SERVERS.map((server) => track(startCeiling(dir, server))),
    ]);
    const failed = settled.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
    const [binding, before, ...ceilings] = settled.map((r) =>
      (r as PromiseFulfilledResult<Served | undefined>).value
    );
    for (const [i, server] of SERVERS.entries()) {
      const script = writePostScript(dir, server.id, server.body);
      const endpoint = `${binding!.url}/v1/servers/${server.id}/tools/${server.tool}`;
      await check(endpoint, server);
      contenders.set(
        key(server.label, REST),
        (n, s) => wrkServed(binding!, script, endpoint, n, s),
      );
      if (before) {
        const old = `${before.url}/v1/servers/${server.id}/tools/${server.tool}`;
        await check(old, server);
        contenders.set(
          key(server.label, REST_BEFORE),
          (n, s) => wrkServed(before, script, old, n, s),
        );
      }
      const least = ceilings[i]!;
      await check(least.url, server);
      contenders.set(
        key(server.label, CEILING),
        (n, s) => wrkServed(least, script, least.url, n, s),
      );
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return stop;
}
/** Stops the current server processes (see `startServed`). */
let stopServed = async (): Promise<void> => {};
cleanup.push(() => stopServed());
try {
  for (const server of DIRECT_ON ? SERVERS : []) {
    const direct = await new Client(configOf(server)).connect();
    cleanup.push(() => direct.close());
    await direct.listTools();
    const args = JSON.parse(server.body) as Record<string, unknown>;
    contenders.set(key(server.label, DIRECT), (n, s) =>
      loop(
        async () => {
          const result = await direct.callTool(server.tool, args);
          if (!server.ok(result as ToolAnswer)) {
            throw new Error(`wrong answer from ${server.tool}`);
          }
        },
        n,
        s,
      ));
  }
  if (version) {
    stopServed = await startServed();
    if (DIRECT_ON) {
      const floor = await listenHttp(CONSTANT);
      cleanup.push(floor.close);
      await check(floor.url, SERVERS[0]!, true);
      const floorScript = writePostScript(dir, "floor", SERVERS[0]!.body);
      contenders.set(key(NO_SERVER, FLOOR), (n, s) => wrk(floorScript, floor.url, n, s));
    }
  } else {
    console.log(
      `Note: \`${WRK}\` was not found, so the HTTP rows are skipped (install Debian's \`wrk\` ` +
        "package, or set WRK to its path). Only the direct contenders ran.\n",
    );
  }
} catch (err) {
  for (const done of cleanup.reverse()) await done();
  throw err;
}

const results = new Map<string, Run[]>();
try {
  const warmUp = async (seconds: number, only?: string) => {
    for (const [name, run] of contenders) {
      if (!only || name.endsWith(only)) await run(8, seconds);
    }
  };
  await warmUp(Math.min(SECONDS, 2));
  for (let round = 0; round < ROUNDS; round++) {
    if (round > 0 && FRESH && version) {
      await stopServed();
      stopServed = await startServed();
      for (const name of [REST, REST_BEFORE, CEILING]) await warmUp(1, `|${name}`);
    }
    const names = [...contenders.keys()];
    if (round % 2) names.reverse();
    for (const connections of CONNECTIONS) {
      for (const name of names) {
        const at = `${name}|${connections}`;
        results.set(at, [
          ...(results.get(at) ?? []),
          await contenders.get(name)!(connections, SECONDS),
        ]);
      }
    }
    console.error(`round ${round + 1}/${ROUNDS} done`);
  }
} finally {
  for (const done of cleanup.reverse()) await done();
}
const loadEnd = loadavg();

const f2 = (x: number) => Number.isFinite(x) ? x.toFixed(2) : "—";
const rows: string[] = [];
/** The median of per-round ratios of `runs` to `base`, with their range: `0.93× (0.90–0.97)`. */
function ratioCell(runs: Run[], base: Run[] | undefined): string {
  if (!base) return "—";
  const ratios = runs.map((r, i) => r.perSec / base[i]!.perSec);
  return `${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${
    Math.max(...ratios).toFixed(2)
  })`;
}

/** Median CPU µs per request of a server process and (+) of its MCP server(s), when measured. */
function cpuCell(runs: Run[]): string {
  const own = runs.map((r) => r.cpuUs).filter((x) => x !== undefined);
  const kids = runs.map((r) => r.childCpuUs).filter((x) => x !== undefined);
  return own.length === runs.length
    ? `${median(own).toFixed(0)} + ${median(kids).toFixed(0)}`
    : "—";
}

/**
 * One table row: `runs` of `name` against `base` (the direct runs of the same server, same round)
 * and, for the REST row, against `ceiling` (the ceiling's runs of the same server, same round).
 */
function tableRow(
  name: string,
  server: string,
  connections: number,
  runs: Run[],
  base: Run[],
  ceiling?: Run[],
) {
  rows.push(
    `| ${name} | ${server} | ${connections} | ${median(runs.map((r) => r.perSec)).toFixed(0)} | ${
      ratioCell(runs, base)
    } | ${ratioCell(runs, ceiling)} | ${f2(median(runs.map((r) => r.p50)))} | ${
      f2(median(runs.map((r) => r.p99)))
    } | ${cpuCell(runs)} | ${runs.reduce((n, r) => n + r.failures, 0)} |`,
  );
}
for (const connections of CONNECTIONS) {
  const get = (server: string, name: string) => results.get(`${key(server, name)}|${connections}`);
  for (const server of SERVERS) {
    const base = get(server.label, DIRECT)!;
    const ceilingRuns = get(server.label, CEILING);
    for (const name of [DIRECT, REST, REST_BEFORE, CEILING]) {
      const runs = get(server.label, name);
      const vsCeiling = name === DIRECT ? undefined : ceilingRuns;
      if (runs) tableRow(name, server.label, connections, runs, base, vsCeiling);
    }
  }
  const floor = get(NO_SERVER, FLOOR);
  if (floor) tableRow(FLOOR, NO_SERVER, connections, floor, get(SERVERS[0]!.label, DIRECT)!);
}
/** Before/after lines: per-round ratios of the REST row to the REST (before) row. */
const beforeAfter: string[] = [];
for (const connections of CONNECTIONS) {
  for (const server of SERVERS) {
    const now = results.get(`${key(server.label, REST)}|${connections}`);
    const old = results.get(`${key(server.label, REST_BEFORE)}|${connections}`);
    if (!now || !old) continue;
    const cpu = now.every((r, i) => r.cpuUs && old[i]!.cpuUs)
      ? `; CPU µs/req ${median(now.map((r, i) => r.cpuUs! / old[i]!.cpuUs!)).toFixed(2)}×`
      : "";
    beforeAfter.push(
      `- ${server.label}, ${connections} connections: req/s ${ratioCell(now, old)} before${cpu}`,
    );
  }
}
const cpu = cpus();
const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(", ");
const command = runtime === "node"
  ? "node --conditions=@mcpwire/source --import tsx bench/src/rest.ts"
  : runtime === "deno"
  ? "deno run -A bench/src/rest.ts"
  : "bun --conditions=@mcpwire/source bench/src/rest.ts";
const servers = SERVERS.map((s) =>
  s.id === "minimal"
    ? `\`add (minimal)\`: an SDK v2 \`McpServer\` with one tool \`add\` (input and output schemas, about 75 µs of work per call), POSTed \`${s.body}\``
    : `\`server-everything\`: \`@modelcontextprotocol/server-everything\` (\`stdio\`), tool \`${s.tool}\`, POSTed \`${s.body}\``
).join("; ");
const md = `## REST binding: POST …/tools/{tool} over loopback vs direct client calls (${runtime})

Stdio MCP servers run by ${runtime}: ${servers}. Direct: mcpwire \`Client.callTool\` from the
benchmark process, a closed loop of N concurrent callers. REST: one \`mcpwire-rest\` in its own
${runtime} process with every server in its config (its own core \`Client\` to its own copy of each
server), driven over 127.0.0.1 by ${
  version ? `\`${version}\`` : "wrk (not installed: rows skipped)"
} with one thread and N keep-alive connections (\`--latency\`; non-2xx answers and socket errors
count as failures). The ceiling row is the least any binding can do on this runtime: a node:http
server in its own process, started the same way as the binding (\`bench/src/_rest-ceiling.mjs\`),
that parses the body, calls its own core \`Client\` (to its own copy of the server) and writes the
JSON, with no routing, checks or error mapping. ${
  BUILT
    ? "Both ran as npm users run them: plain `node` on the packages' tsc-built `dist` (BUILT=1)."
    : runtime === "node"
    ? "Both ran from the sources under tsx (BUILT=1 runs the built `dist` instead)."
    : ""
} "CPU µs/req" is the CPU time (user + system, from
/proc) per answered request of the server's process + of the MCP server process(es) it started, for
the contenders that run in a process of their own (Linux only). The floor row (once,
no MCP server) is a bare node:http server in the benchmark process answering a constant JSON body,
driven by the same wrk: the loopback HTTP ceiling of the machine at that moment; its "vs direct" is
against the direct row of \`${SERVERS[0]!.label}\`. ${ROUNDS} rounds of ${SECONDS} s per contender
and connection count, all contenders of all servers interleaved (order alternating)${
  FRESH && ROUNDS > 1
    ? ", the binding and ceiling processes (and their MCP servers) started afresh and warmed up for 1 s every round"
    : ""
}; req/s, p50 and
p99 are medians over rounds; "vs direct" is the median of the per-round ratios to the direct
contender of the same server (min–max); "vs ceiling" likewise to the ceiling row of the same server
and connection count — the REST target is ≥ 0.9× of it at 1 and 32 connections on Node (on Deno and
Bun the ratio is reported, their binding serving through Hono on the runtime's own server).${
  BEFORE_REF
    ? ` "REST (before)" is a second \`mcpwire-rest\` process running \`${BEFORE_REF}\`'s binding with today's core and config, interleaved with the others: its ratios against the same ceiling runs are the before/after comparison.`
    : ""
}

| contender | server | connections | req/s | vs direct | vs ceiling | p50 ms | p99 ms | CPU µs/req | failures (all rounds) |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}
${
  beforeAfter.length
    ? `\nREST against REST (before), medians of per-round ratios:\n\n${beforeAfter.join("\n")}\n`
    : ""
}
Machine: ${cpu.length} × ${cpu[0]?.model.trim()}, ${
  (totalmem() / 2 ** 30).toFixed(1)
} GiB, ${runtime} ${
  runtime === "node"
    ? process.version
    : (globalThis as { Deno?: { version: { deno: string } }; Bun?: { version: string } }).Deno
      ?.version.deno ??
      (globalThis as { Bun?: { version: string } }).Bun?.version
}. Date: ${new Date().toISOString().slice(0, 10)}. Load average (1, 5, 15 min): ${
  load(loadStart)
} at the start, ${load(loadEnd)} at the end. NODE_EXTRA_CA_CERTS was ${
  process.env.NODE_EXTRA_CA_CERTS ? "set" : "not set"
} (it does not affect loopback calls).

Command: \`ROUNDS=${ROUNDS} SECONDS=${SECONDS}${
  process.env.SERVERS ? ` SERVERS=${process.env.SERVERS}` : ""
}${process.env.CONNECTIONS ? ` CONNECTIONS=${process.env.CONNECTIONS}` : ""}${
  DIRECT_ON ? "" : " DIRECT=0"
}${BEFORE_REF ? ` MCPWIRE_BEFORE=${BEFORE_REF}` : ""}${BUILT ? " BUILT=1" : ""}${
  FRESH ? "" : " FRESH=0"
} ${command}\`
`;
// A before/after run is a comparison, not the table of record: it goes to its own file.
const out = BEFORE_REF ? "../results/rest-before-after.md" : "../results/rest.md";
if (runtime === "node") writeFileSync(new URL(out, import.meta.url), md);
console.log(md);
