// Issue #18: a cold `mcpwire tools <server>` — a fresh process that spawns a stdio server, lists
// its tools, prints them and exits — timed from spawn to exit, against the same job done by the
// bare SDK v2 client, a hand-written newline-JSON client (the floor) and, when installed, the MCP
// Inspector's CLI. The server is the bench's raw stdio server. mcpwire runs from an esbuild bundle
// of the CLI's sources (npm dependencies external, dynamic imports kept lazy: what an installed
// build loads); a second row runs the repository's launcher (bin/mcpwire.mjs: tsx on the sources).
// NODE_EXTRA_CA_CERTS and NODE_OPTIONS are removed from every child's environment.
// Env: ROUNDS (default 9), INSPECTOR (a folder with @modelcontextprotocol/inspector installed;
// default bench/node_modules/.mcpwire-bench/inspector — install it there with
// `npm install --prefix bench/node_modules/.mcpwire-bench/inspector @modelcontextprotocol/inspector@2.12.0`;
// it asks for Node 22 but its CLI runs on 20), LAUNCHER=0 (skip the launcher row), BENCH_OUT.
// Run: node --conditions=@mcpwire/source --import tsx bench/src/cli-cold.ts
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { coldEnv, npmExternal } from "./_bundle.ts";
import { RAW_SERVER_SOURCE } from "./_raw-server.ts";
import { emit, fmt, rotate, summarize } from "./_stats.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 9);
const HERE = fileURLToPath(new URL(".", import.meta.url));
const ROOT = join(HERE, "../..");
const CACHE = join(HERE, "../node_modules/.mcpwire-bench/cli"); // ignored by git, resolves npm deps
const INSPECTOR = process.env.INSPECTOR ?? join(HERE, "../node_modules/.mcpwire-bench/inspector");
const INSPECTOR_BIN = join(
  INSPECTOR,
  "node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js",
);

const SDK_SCRIPT = `
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
const client = new Client({ name: "bench", version: "1.0.0" });
await client.connect(new StdioClientTransport({ command: process.execPath, args: [process.argv[2]] }));
const { tools } = await client.listTools();
for (const t of tools) console.log(t.name + (t.description ? "  " + t.description : ""));
await client.close();
`;

const FLOOR_SCRIPT = `
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
const server = spawn(process.execPath, [process.argv[2]], { stdio: ["pipe", "pipe", "inherit"] });
const send = (m) => server.stdin.write(JSON.stringify({ jsonrpc: "2.0", ...m }) + "\\n");
createInterface({ input: server.stdout }).on("line", (line) => {
  const m = JSON.parse(line);
  if (m.id === 1) {
    send({ method: "notifications/initialized" });
    send({ id: 2, method: "tools/list", params: {} });
  } else if (m.id === 2) {
    for (const t of m.result.tools) console.log(t.name);
    server.kill();
  }
});
send({ id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "floor", version: "1" } } });
`;

const OPTIONAL = ["transport-stdio", "transport-http", "config"];

/**
 * Bundles the CLI (src/bin.ts) with code splitting, so lazily imported commands stay lazy. Core
 * loads its transports and config by package name at run time: each is bundled as its own entry
 * (sharing core's chunk) and installed as `bundle/node_modules/@mcpwire/<name>`, as npm would.
 */
async function bundleCli(): Promise<string> {
  const outdir = join(CACHE, "bundle");
  await build({
    entryPoints: {
      bin: join(ROOT, "apps/playground/src/bin.ts"),
      ...Object.fromEntries(OPTIONAL.map((n) => [n, join(ROOT, `packages/${n}/src/mod.ts`)])),
    },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    conditions: ["@mcpwire/source"],
    outdir,
    logLevel: "error",
    plugins: [npmExternal()],
  });
  for (const name of OPTIONAL) {
    const dir = join(outdir, "node_modules/@mcpwire", name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: `@mcpwire/${name}`, type: "module", exports: "./index.js" }),
    );
    writeFileSync(join(dir, "index.js"), `export * from "../../../${name}.js";\n`);
  }
  return join(outdir, "bin.js");
}

/** Runs one contender; resolves with the wall time from spawn to exit. */
function once(name: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, {
      env: coldEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (t: string) => (out += t));
    child.stderr.setEncoding("utf8").on("data", (t: string) => (err += t));
    child.once("close", (code) => {
      const ms = performance.now() - start;
      if (code === 0 && /\badd\b/.test(out)) resolve(ms);
      else reject(new Error(`${name} failed (exit ${code}): ${(err || out).slice(-500)}`));
    });
  });
}

async function main(): Promise<void> {
  mkdirSync(CACHE, { recursive: true });
  const server = join(CACHE, "raw-server.mjs");
  writeFileSync(server, RAW_SERVER_SOURCE);
  writeFileSync(join(CACHE, "sdk-tools.mjs"), SDK_SCRIPT);
  writeFileSync(join(CACHE, "floor-tools.mjs"), FLOOR_SCRIPT);
  const cli = await bundleCli();
  const contenders: Record<string, string[]> = {
    "hand-written floor": [join(CACHE, "floor-tools.mjs"), server],
    "mcpwire tools (bundled build)": [cli, "tools", server],
    "SDK v2 client": [join(CACHE, "sdk-tools.mjs"), server],
  };
  const notes: string[] = [];
  if (existsSync(INSPECTOR_BIN)) {
    const manifest = join(INSPECTOR_BIN, "../../../../package.json");
    const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
    notes.push(`Note: MCP Inspector ${version} (\`--cli <server> --method tools/list\`).`);
    contenders["MCP Inspector CLI"] = [
      INSPECTOR_BIN,
      "--cli",
      process.execPath,
      server,
      "--method",
      "tools/list",
    ];
  } else notes.push(`Note: MCP Inspector not measured: not installed at ${INSPECTOR}.`);
  if (process.env.LAUNCHER !== "0") {
    contenders["mcpwire tools (repo launcher, tsx)"] = [
      join(ROOT, "apps/playground/bin/mcpwire.mjs"),
      "tools",
      server,
    ];
  }
  const names = Object.keys(contenders);
  const runs = new Map<string, number[]>(names.map((n) => [n, []]));
  for (const n of names) await once(n, contenders[n]!); // warm the file cache
  for (let round = 0; round < ROUNDS; round++) {
    for (const n of rotate(names, round)) runs.get(n)!.push(await once(n, contenders[n]!));
    process.stderr.write(`cli-cold: round ${round + 1}/${ROUNDS}\n`);
  }
  const floor = runs.get("hand-written floor")!;
  const sdk = runs.get("SDK v2 client")!;
  const rows = names.map((n) => {
    const ms = runs.get(n)!;
    return {
      contender: n,
      ms: summarize(ms),
      vsFloor: summarize(ms.map((x, i) => x / floor[i]!)),
      vsSdk: summarize(ms.map((x, i) => x / sdk[i]!)),
    };
  });
  const built = rows.find((r) => r.contender === "mcpwire tools (bundled build)")!.ms.median;
  emit({ rounds: ROUNDS, notes, rows });
  console.log(
    [
      "| contender | spawn → exit ms | × floor | × SDK v2 |",
      "| --- | ---: | ---: | ---: |",
      ...rows.map((r) =>
        `| ${r.contender} | ${fmt(r.ms)} | ${r.vsFloor.median.toFixed(2)} | ` +
        `${r.vsSdk.median.toFixed(2)} |`
      ),
      "",
      `Note: medians of ${ROUNDS} rounds, interleaved; issue #18's target is under 1 000 ms for ` +
      `mcpwire's build: ${built < 1000 ? "met" : "MISSED"} (${Math.round(built)} ms). ` +
      "NODE_EXTRA_CA_CERTS and NODE_OPTIONS removed from every child's environment.",
      ...notes,
    ].join("\n"),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
