// Throughput and latency of POST /v1/servers/{server}/tools/{tool} through @mcpwire/bindings-rest
// over loopback, against direct mcpwire Client.callTool calls to the same kind of server (one stdio
// server with a tool `add`). The binding runs in its own process (`mcpwire-rest`, as in production)
// and is driven by `wrk` (Debian's package: a separate C process, so the load generator does not
// eat the JavaScript runtime's CPU); the direct contender is a closed loop of `callTool` in this
// process with the same concurrency. Rounds interleaved, ratios per round.
// Run: node --conditions=@mcpwire/source --import tsx bench/src/rest.ts
// Knobs: ROUNDS (default 5), SECONDS per run (whole seconds, wrk's unit; default 3), WRK (binary).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@mcpwire/core";
import { median } from "./_stats.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURE = `${ROOT}packages/bindings-rest/test/fixtures/add-server.ts`;
const CLI = `${ROOT}packages/bindings-rest/src/cli.ts`;
const ROUNDS = Number(process.env.ROUNDS ?? 5);
// wrk takes whole seconds only.
const SECONDS = Math.max(1, Math.round(Number(process.env.SECONDS ?? 3)));
const WRK = process.env.WRK ?? "wrk";
const CONNECTIONS = [1, 32];
const BODY = '{"a":1,"b":1}';
const runtime = "Deno" in globalThis ? "deno" : "Bun" in globalThis ? "bun" : "node";
const config = {
  mcpServers: {
    bench: { command: process.execPath, args: ["--import", "tsx", FIXTURE], cwd: ROOT },
  },
};

/** One run of one contender at one concurrency. */
interface Run {
  perSec: number;
  p50: number;
  p99: number;
  failures: number;
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

/** `wrk`'s version line, or undefined when it cannot run. */
function wrkVersion(): string | undefined {
  try {
    const run = spawnSync(WRK, ["--version"], { encoding: "utf8" });
    const line = `${run.stdout ?? ""}${run.stderr ?? ""}`.split("\n")[0]?.trim();
    return run.error || !line?.startsWith("wrk") ? undefined : line.replace(/ Copyright.*$/, "");
  } catch {
    return undefined;
  }
}

const toMs: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

/** Reads the numbers out of `wrk --latency` output. */
function parseWrk(text: string, seconds: number): Run {
  const ms = (label: string) => {
    const m = new RegExp(`^\\s*${label}\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m").exec(text);
    return m ? Number(m[1]) * toMs[m[2]!]! : NaN;
  };
  const requests = Number(/(\d+) requests in ([\d.]+)(us|ms|s|m)/.exec(text)?.[1] ?? NaN);
  const took = /(\d+) requests in ([\d.]+)(us|ms|s|m)/.exec(text);
  const elapsed = took ? Number(took[2]) * toMs[took[3]!]! / 1000 : seconds;
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const socketErrors = socket ? socket.slice(1).reduce((n, x) => n + Number(x), 0) : 0;
  if (!Number.isFinite(requests)) throw new Error(`cannot read wrk's output:\n${text}`);
  return {
    perSec: (requests - non2xx) / elapsed,
    p50: ms("50%"),
    p99: ms("99%"),
    failures: non2xx + socketErrors,
  };
}

/** Drives `url` with wrk: one thread, `connections` keep-alive connections, POSTing BODY. */
function wrk(script: string, url: string, connections: number, seconds: number): Promise<Run> {
  const args = ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", "-s", script, url];
  return new Promise((resolve, reject) => {
    const child = spawn(WRK, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout!.setEncoding("utf8").on("data", (t: string) => (out += t));
    child.stderr!.setEncoding("utf8").on("data", (t: string) => (out += t));
    child.once("error", reject);
    child.once("close", (code) => {
      if (code !== 0) return reject(new Error(`wrk exited with ${code}:\n${out}`));
      try {
        resolve(parseWrk(out, seconds));
      } catch (err) {
        reject(err);
      }
    });
  });
}

async function startBinding(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const path = join(dir, "mcp.json");
  writeFileSync(path, JSON.stringify(config));
  const args = ["--conditions=@mcpwire/source", "--import", "tsx", CLI, "--config", path];
  const child = spawn(process.execPath, [...args, "--port", "0"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, MCPWIRE_API_KEYS: "" },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let text = "";
    child.stderr!.on("data", (chunk) => {
      text += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(text);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`binding exited with ${code}: ${text}`)));
  });
  return { url, child };
}

/** Checks once, outside the timed runs, that a URL answers the call correctly. */
async function check(url: string, constant: boolean): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: BODY,
  });
  const body = await res.json() as { data?: { sum?: number } };
  if (res.status !== 200 || (!constant && body.data?.sum !== 2)) {
    throw new Error(`${url} answered ${res.status} ${JSON.stringify(body)}`);
  }
}

/** A node:http server in this process answering each body with `answer(body)` (500 if it throws). */
function listenHttp(
  answer: (body: string) => string | Promise<string>,
): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (text: string) => (body += text)).on("end", () => {
      const send = (text: string) => {
        res.setHeader("content-type", "application/json");
        res.end(text);
      };
      try {
        const out = answer(body);
        if (typeof out === "string") send(out);
        else out.then(send, () => res.writeHead(500).end());
      } catch {
        res.writeHead(500).end();
      }
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

// The ceiling of any binding on this runtime: node:http plus a core Client, nothing else (no
// routing, checks, limits, problem mapping or disconnect handling).
function ceiling(client: Client) {
  return async (body: string) => {
    const r = await client.callTool("add", JSON.parse(body), { raiseOnError: false });
    return JSON.stringify({
      content: r.content,
      structuredContent: r.structuredContent ?? null,
      data: r.data ?? null,
      isError: r.isError === true,
    });
  };
}

type Contender = (connections: number, seconds: number) => Promise<Run>;

const DIRECT = "mcpwire Client.callTool (direct, stdio, in-process loop)";
const REST = "REST: mcpwire-rest process, POST over loopback (wrk)";
const FLOOR = "floor: bare node:http server, constant JSON, no MCP (wrk)";
const CEILING = "ceiling: node:http + core Client.callTool in one process, no checks (wrk)";
const version = wrkVersion();
const loadStart = loadavg();
const dir = mkdtempSync(join(tmpdir(), "mcpwire-rest-bench-"));
const script = join(dir, "post.lua");
writeFileSync(
  script,
  `wrk.method = "POST"\nwrk.body = '${BODY}'\nwrk.headers["Content-Type"] = "application/json"\n`,
);

const direct = await new Client(config).connect();
await direct.listTools();
const contenders: Record<string, Contender> = {
  [DIRECT]: (n, s) =>
    loop(
      async () => {
        const result = await direct.callTool("add", { a: 1, b: 1 });
        if ((result.data as { sum: number }).sum !== 2) throw new Error("wrong sum");
      },
      n,
      s,
    ),
};
const cleanup: (() => void)[] = [() => rmSync(dir, { recursive: true, force: true })];
if (version) {
  const binding = await startBinding(dir);
  cleanup.push(() => binding.child.kill("SIGTERM"));
  const endpoint = `${binding.url}/v1/servers/bench/tools/add`;
  await check(endpoint, false);
  contenders[REST] = (n, s) => wrk(script, endpoint, n, s);
  const floor = await listenHttp(() => CONSTANT);
  cleanup.push(floor.close);
  await check(floor.url, true);
  contenders[FLOOR] = (n, s) => wrk(script, floor.url, n, s);
  const bare = await new Client(config).connect();
  const least = await listenHttp(ceiling(bare));
  cleanup.push(least.close, () => void bare.close());
  await check(least.url, false);
  contenders[CEILING] = (n, s) => wrk(script, least.url, n, s);
} else {
  console.log(
    `Note: \`${WRK}\` was not found, so the HTTP rows are skipped (install Debian's \`wrk\` ` +
      "package, or set WRK to its path). Only the direct contender ran.\n",
  );
}

const results = new Map<string, Run[]>();
try {
  for (const run of Object.values(contenders)) await run(8, Math.min(SECONDS, 2)); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    const names = Object.keys(contenders);
    if (round % 2) names.reverse();
    for (const connections of CONNECTIONS) {
      for (const name of names) {
        const key = `${name}|${connections}`;
        results.set(key, [
          ...(results.get(key) ?? []),
          await contenders[name]!(connections, SECONDS),
        ]);
      }
    }
    console.error(`round ${round + 1}/${ROUNDS} done`);
  }
} finally {
  for (const done of cleanup) done();
  await direct.close();
}
const loadEnd = loadavg();

const f2 = (x: number) => Number.isFinite(x) ? x.toFixed(2) : "—";
const rows: string[] = [];
for (const connections of CONNECTIONS) {
  const base = results.get(`${DIRECT}|${connections}`)!;
  for (const name of Object.keys(contenders)) {
    const runs = results.get(`${name}|${connections}`)!;
    const ratios = runs.map((r, i) => r.perSec / base[i]!.perSec);
    rows.push(
      `| ${name} | ${connections} | ${median(runs.map((r) => r.perSec)).toFixed(0)} | ${
        median(ratios).toFixed(2)
      }× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}) | ${
        f2(median(runs.map((r) => r.p50)))
      } | ${f2(median(runs.map((r) => r.p99)))} | ${runs.reduce((n, r) => n + r.failures, 0)} |`,
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
const md = `## REST binding: POST …/tools/{tool} over loopback vs direct client calls (${runtime})

One stdio MCP server (SDK v2 \`McpServer\`, tool \`add\` with input and output schemas, run by
${runtime}). Direct: mcpwire \`Client.callTool\` from the benchmark process, a closed loop of N
concurrent callers. REST: \`mcpwire-rest\` in its own ${runtime} process (its own core \`Client\` to its
own copy of the server), driven over 127.0.0.1 by ${
  version ? `\`${version}\`` : "wrk (not installed: rows skipped)"
} with one thread and N keep-alive connections, POSTing \`${BODY}\` (\`--latency\`; non-2xx answers
and socket errors count as failures). The floor row is a bare node:http server in the benchmark
process answering a constant JSON body, driven by the same wrk: the loopback HTTP ceiling of the
machine at that moment. The ceiling row is the least any binding can do on this runtime: a
node:http server in the benchmark process that parses the body, calls its own core \`Client\` (to
its own copy of the server) and writes the JSON, with no routing, checks or error mapping. ${ROUNDS} rounds of ${SECONDS} s per contender and connection count,
contenders interleaved (order alternating); req/s, p50 and p99 are medians over rounds; "vs direct"
is the median of the per-round ratios (min–max).

| contender | connections | req/s | vs direct | p50 ms | p99 ms | failures (all rounds) |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

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

Command: \`ROUNDS=${ROUNDS} SECONDS=${SECONDS} ${command}\`
`;
if (runtime === "node") writeFileSync(new URL("../results/rest.md", import.meta.url), md);
console.log(md);
