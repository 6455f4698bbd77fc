// Throughput and latency of POST /v1/servers/{server}/tools/{tool} through @mcpwire/bindings-rest
// over loopback, against direct mcpwire Client.callTool calls to the same kind of server (one stdio
// server with a tool `add`). The binding runs in its own process (as it would in production); both
// contenders are driven from this process by the same closed-loop load generator (N workers, each
// sending its next request when the previous one answers), rounds interleaved.
// Run: node --conditions=@mcpwire/source --import tsx bench/src/rest.ts
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { Agent, createServer, request } from "node:http";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRestApp, serve } from "@mcpwire/bindings-rest";
import { Client } from "@mcpwire/core";
import { median } from "./_stats.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURE = `${ROOT}packages/bindings-rest/test/fixtures/add-server.ts`;
const CLI = `${ROOT}packages/bindings-rest/src/cli.ts`;
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SECONDS = Number(process.env.SECONDS ?? 2);
const CONCURRENCY = [1, 32];
const config = {
  mcpServers: {
    bench: { command: process.execPath, args: ["--import", "tsx", FIXTURE], cwd: ROOT },
  },
};

interface Run {
  errors: number;
  perSec: number;
  p50: number;
  p99: number;
}

/** Closed loop: `workers` loops each awaiting `send()` until `seconds` pass. */
async function load(
  send: (i: number) => Promise<void>,
  workers: number,
  seconds: number,
): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  let lastError = "";
  const end = performance.now() + seconds * 1000;
  let i = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: workers }, async () => {
    while (performance.now() < end) {
      const t = performance.now();
      try {
        await send(i++);
        latencies.push(performance.now() - t);
      } catch (err) {
        errors++;
        lastError = String(err);
      }
    }
  }));
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  if (errors > 0) console.error(`${errors} failed requests, last: ${lastError}`);
  return { perSec: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors };
}

async function startBinding(): Promise<{ url: string; child: ChildProcess }> {
  const path = join(tmpdir(), `mcpwire-rest-bench-${process.pid}.json`);
  writeFileSync(path, JSON.stringify(config));
  const child = spawn(process.execPath, [
    "--conditions=@mcpwire/source",
    "--import",
    "tsx",
    CLI,
    "--config",
    path,
    "--port",
    "0",
  ], {
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

const direct = await new Client(config).connect();
await direct.listTools();
const binding = await startBinding();
const endpoint = `${binding.url}/v1/servers/bench/tools/add`;
const inProcess = await serve(createRestApp(config, { apiKeys: [] }), { port: 0 });
const inProcessEndpoint = `${inProcess.url}/v1/servers/bench/tools/add`;

// node:http with a keep-alive agent: on Node 20 it drives loopback about 3× harder than fetch. A new
// agent per run, so no socket sits idle past the server's keep-alive timeout between runs.
let agent = new Agent({ keepAlive: true, maxSockets: 64 });

function postJson(url: string, body: string): Promise<{ status: number; text: string }> {
  const { hostname, port, pathname, search } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({
      hostname,
      port,
      path: pathname + search,
      method: "POST",
      agent,
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
    }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function postAdd(url: string, i: number): Promise<void> {
  const { status, text } = await postJson(url, JSON.stringify({ a: i, b: 1 }));
  const body = JSON.parse(text) as { data: { sum: number } };
  if (status !== 200 || body.data.sum !== i + 1) throw new Error(`bad answer ${status}`);
}

// The floor: a bare node:http server answering a constant JSON body, no MCP at all.
const floor = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.setHeader("content-type", "application/json");
    res.end(
      '{"content":[{"type":"text","text":"2"}],"structuredContent":{"sum":2},"data":{"sum":2},"isError":false}',
    );
  });
});
await new Promise<void>((resolve) => floor.listen(0, "127.0.0.1", resolve));
const floorUrl = `http://127.0.0.1:${(floor.address() as { port: number }).port}/`;

const contenders: Record<string, (i: number) => Promise<void>> = {
  "mcpwire Client.callTool (direct, stdio)": async (i) => {
    const result = await direct.callTool("add", { a: i, b: 1 });
    if ((result.data as { sum: number }).sum !== i + 1) throw new Error("wrong sum");
  },
  "REST: mcpwire-rest process, POST over loopback": (i) => postAdd(endpoint, i),
  "REST: binding in this process, POST over loopback": (i) => postAdd(inProcessEndpoint, i),
  "floor: bare node:http server, constant JSON, no MCP": async (i) => {
    const { status } = await postJson(floorUrl, JSON.stringify({ a: i, b: 1 }));
    if (status !== 200) throw new Error(`bad answer ${status}`);
  },
};

const results = new Map<string, Run[]>();
try {
  for (const send of Object.values(contenders)) await load(send, 8, 0.5); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    const names = Object.keys(contenders);
    if (round % 2) names.reverse();
    for (const workers of CONCURRENCY) {
      for (const name of names) {
        const key = `${name}|${workers}`;
        agent.destroy();
        agent = new Agent({ keepAlive: true, maxSockets: 64 });
        results.set(key, [
          ...(results.get(key) ?? []),
          await load(contenders[name]!, workers, SECONDS),
        ]);
      }
    }
    console.error(`round ${round + 1}/${ROUNDS} done`);
  }
} finally {
  binding.child.kill("SIGTERM");
  await inProcess.close();
  floor.close();
  agent.destroy();
  await direct.close();
}

const rows: string[] = [];
for (const workers of CONCURRENCY) {
  const base = median(
    results.get(`${Object.keys(contenders)[0]}|${workers}`)!.map((r) => r.perSec),
  );
  for (const name of Object.keys(contenders)) {
    const runs = results.get(`${name}|${workers}`)!;
    const perSec = median(runs.map((r) => r.perSec));
    rows.push(
      `| ${name} | ${workers} | ${perSec.toFixed(0)} | ${(perSec / base).toFixed(2)}× | ${
        median(runs.map((r) => r.p50)).toFixed(2)
      } | ${median(runs.map((r) => r.p99)).toFixed(2)} | ${
        runs.reduce((n, r) => n + r.errors, 0)
      } |`,
    );
  }
}
const cpu = cpus();
const md = `## REST binding: POST …/tools/{tool} over loopback vs direct client calls

One stdio MCP server (SDK v2 \`McpServer\`, tool \`add\` with input and output schemas). Direct:
mcpwire \`Client.callTool\` from the benchmark process. REST: \`mcpwire-rest\` in its own process
(its own core \`Client\` to its own copy of the server), POSTs over 127.0.0.1 with node:http and a
keep-alive agent, from the benchmark process; also the same binding served from the benchmark process
itself (\`serve()\` on port 0), where client and binding share one event loop. Load generator: closed loop in this script (N concurrent
workers, each sends its next request when the previous answers; no npm load generator is installed).
The floor row is a bare node:http server with the same client: the loopback HTTP ceiling of the
machine at that moment.
${ROUNDS} rounds of ${SECONDS} s per contender and concurrency, contenders interleaved (order alternating);
medians over rounds; p50/p99 are per-round latency percentiles in ms, medians over rounds.

| contender | workers | req/s | vs direct | p50 ms | p99 ms | failed requests (all rounds) |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

Machine: ${cpu.length} × ${cpu[0]?.model.trim()}, ${
  (totalmem() / 2 ** 30).toFixed(1)
} GiB, Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}.
NODE_EXTRA_CA_CERTS was ${
  process.env.NODE_EXTRA_CA_CERTS ? "set" : "not set"
} (it does not affect loopback calls).

Command: \`node --conditions=@mcpwire/source --import tsx bench/src/rest.ts\`
`;
writeFileSync(new URL("../results/rest.md", import.meta.url), md);
console.log(md);
