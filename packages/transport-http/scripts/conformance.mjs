#!/usr/bin/env node
// Runs every client scenario of @modelcontextprotocol/conformance, one at a time, against
// test/conformance-client.ts run by Node (tsx), Deno and Bun in turn. Fails on any failure,
// warning, timeout or non-zero client exit. The CLI itself needs fs.globSync (Node ≥ 22), so it
// runs under the bun binary.
// Usage: node packages/transport-http/scripts/conformance.mjs [--runtime node|deno|bun]… [scenario…]
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../../..");
const BIN = join(ROOT, "node_modules", ".bin");
const CLI = join(ROOT, "node_modules", "@modelcontextprotocol", "conformance", "dist", "index.js");
const CLIENT = "packages/transport-http/test/conformance-client.ts";
const CLIENTS = {
  node: `${process.execPath} --conditions=@mcpwire/source --import tsx ${CLIENT}`,
  deno: `${join(BIN, "deno")} run -A --no-check ${CLIENT}`,
  bun: `${join(BIN, "bun")} --conditions=@mcpwire/source ${CLIENT}`,
};

function run(cmd, args) {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } });
    let out = "";
    child.stdout.on("data", (d) => out += d);
    child.stderr.on("data", (d) => out += d);
    child.on("close", (code) => done({ code, out }));
  });
}

async function listScenarios() {
  const { code, out } = await run(join(BIN, "bun"), [CLI, "list", "--client"]);
  if (code !== 0) throw new Error(`conformance list failed:\n${out}`);
  return [...out.matchAll(/^\s+- (\S+)/gm)].map((m) => m[1]);
}

const argv = process.argv.slice(2);
const runtimes = [];
const only = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--runtime") runtimes.push(argv[++i]);
  else only.push(argv[i]);
}
const scenarios = only.length ? only : await listScenarios();
const failures = [];
const started = Date.now();
for (const runtime of runtimes.length ? runtimes : Object.keys(CLIENTS)) {
  for (const scenario of scenarios) {
    const t0 = Date.now();
    const { code, out } = await run(join(BIN, "bun"), [
      CLI,
      "client",
      "--command",
      CLIENTS[runtime],
      "--scenario",
      scenario,
      "--timeout",
      "30000",
    ]);
    // The CLI exits 1 on warnings already; this also catches a summary that reports any.
    const warned = /\bWARNING\b/.test(out) || /\b[1-9]\d* warnings?\b/i.test(out);
    const ok = code === 0 && !warned;
    const ms = Date.now() - t0;
    console.log(`${ok ? "pass" : "FAIL"}  ${runtime.padEnd(4)}  ${scenario}  (${ms} ms)`);
    if (!ok) {
      failures.push(`${runtime} ${scenario}`);
      console.log(out.split("\n").map((l) => `      ${l}`).join("\n"));
    }
  }
}
const total = scenarios.length * (runtimes.length || Object.keys(CLIENTS).length);
console.log(
  `\nconformance: ${total - failures.length} passed, ${failures.length} failed ` +
    `(${Math.round((Date.now() - started) / 1000)} s)`,
);
if (failures.length) {
  console.log(failures.map((f) => `  failed: ${f}`).join("\n"));
  process.exit(1);
}
