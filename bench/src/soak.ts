// Soak: a long run of tool calls of which a share times out (the server sleeps past the timeout),
// over stdio and over Streamable HTTP on loopback, with memory, descriptors and in-flight tables
// sampled along the way. A client that releases what each timed-out call held stays flat.
// Servers: packages/core/test/fixtures/slow-{stdio,http}-server.mjs, on Node.
// Env: CALLS (default 100000 per transport; CALLS_STDIO, CALLS_HTTP for one), TIMEOUT_EVERY (every Nth call times out, default 20),
// TIMEOUT_MS (default 50), CONCURRENCY (default 50), SAMPLES (default 20), TRANSPORTS
// (default "stdio,http"), BENCH_OUT. Run:
// node --expose-gc --conditions=@mcpwire/source --import tsx bench/src/soak.ts
import { spawn } from "node:child_process";
import { readdirSync, readlinkSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Client } from "@mcpwire/core";
import { StreamableHttpTransport } from "@mcpwire/transport-http";
import { StdioTransport } from "@mcpwire/transport-stdio";
import { emit } from "./_stats.ts";

const ALL_CALLS = Number(process.env.CALLS ?? 100_000);
const TIMEOUT_EVERY = Number(process.env.TIMEOUT_EVERY ?? 20);
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS ?? 50);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const SAMPLES = Number(process.env.SAMPLES ?? 20);
const TRANSPORTS = (process.env.TRANSPORTS ?? "stdio,http").split(",");
const fixture = (name: string) =>
  fileURLToPath(new URL(`../../packages/core/test/fixtures/${name}`, import.meta.url));

interface Sample {
  calls: number;
  seconds: number;
  rssMb: number;
  heapMb: number;
  fds?: number;
  sockets?: number;
  pending: number;
}

function collect(): void {
  const bun = (globalThis as { Bun?: { gc(full: boolean): void } }).Bun;
  if (bun) bun.gc(true);
  else (globalThis as { gc?: () => void }).gc?.();
}

function openFds(): { fds: number; sockets: number } | undefined {
  if (process.platform !== "linux") return undefined;
  const fds = readdirSync("/proc/self/fd");
  let sockets = 0;
  for (const fd of fds) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith("socket:")) sockets++;
    } catch {
      // closed while listing
    }
  }
  return { fds: fds.length, sockets };
}

async function startHttpServer(): Promise<{ url: string; stop: () => void }> {
  // Its stdin is ours: the server exits when this process does.
  const child = spawn("node", [fixture("slow-http-server.mjs")], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let out = "";
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const m = /listening on port (\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the HTTP server exited with ${code}: ${out}`)));
  });
  return { url: `http://127.0.0.1:${port}/mcp`, stop: () => void child.kill() };
}

async function soak(kind: string) {
  const CALLS = Number(process.env[`CALLS_${kind.toUpperCase()}`] ?? ALL_CALLS);
  const server = kind === "http" ? await startHttpServer() : undefined;
  const transport = server
    ? new StreamableHttpTransport(server.url)
    : new StdioTransport({ command: "node", args: [fixture("slow-stdio-server.mjs")] });
  const client = await new Client(transport).connect();
  const samples: Sample[] = [];
  const started = performance.now();
  const sample = async (calls: number) => {
    collect();
    await new Promise((resolve) => setTimeout(resolve, 20));
    collect();
    const memory = process.memoryUsage();
    samples.push({
      calls,
      seconds: (performance.now() - started) / 1000,
      rssMb: memory.rss / 2 ** 20,
      heapMb: memory.heapUsed / 2 ** 20,
      ...openFds(),
      pending: transport.pendingRequests,
    });
  };
  let timeouts = 0;
  let unexpected = 0;
  let next = 0;
  const every = Math.max(1, Math.floor(CALLS / SAMPLES));
  let nextSample = 0;
  const worker = async () => {
    while (next < CALLS) {
      const i = next++;
      if (i >= nextSample) {
        nextSample += every;
        await sample(i);
      }
      try {
        if (i % TIMEOUT_EVERY === TIMEOUT_EVERY - 1) {
          await client.callTool("sleep", { ms: 60_000 }, { timeout: TIMEOUT_MS });
          unexpected++;
        } else {
          const result = await client.callTool("add", { a: i, b: 1 });
          if (result.content[0]?.type !== "text") unexpected++;
        }
      } catch (error) {
        if ((error as Error).name === "TimeoutError") timeouts++;
        else unexpected++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  await sample(CALLS);
  await client.close();
  server?.stop();
  const first = samples[1] ?? samples[0]!; // the first sample is before any call: pools empty
  const last = samples.at(-1)!;
  return {
    transport: kind,
    calls: CALLS,
    timeouts,
    unexpected,
    seconds,
    callsPerSecond: CALLS / seconds,
    heapGrowthMb: last.heapMb - first.heapMb,
    rssGrowthMb: last.rssMb - first.rssMb,
    samples,
  };
}

const rows = [];
for (const kind of TRANSPORTS) {
  const row = await soak(kind);
  rows.push(row);
  console.error(
    `soak ${kind}: ${row.calls} calls (${row.timeouts} timed out, ${row.unexpected} unexpected) ` +
      `in ${row.seconds.toFixed(1)} s; heap ${row.heapGrowthMb.toFixed(2)} MB, ` +
      `RSS ${row.rssGrowthMb.toFixed(1)} MB from the first sample to the last`,
  );
}
const runtime = "Deno" in globalThis ? "deno" : "Bun" in globalThis ? "bun" : "node";
emit({
  runtime,
  timeoutEvery: TIMEOUT_EVERY,
  timeoutMs: TIMEOUT_MS,
  concurrency: CONCURRENCY,
  rows,
});
if (rows.some((r) => r.unexpected > 0 || r.samples.at(-1)!.pending > 0)) process.exit(1);
