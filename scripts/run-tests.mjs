#!/usr/bin/env node
// Runs the workspace's tests (or one package's) on one runtime, with the sources of every @mcpwire
// package (the "@mcpwire/source" export condition), and prints the runtime's own summary.
// Usage: node scripts/run-tests.mjs <node|deno|bun> [package folder …]
//
// Node passes 3 tests more than Deno and Bun, by design: three tests trace module loading with
// Node's module hooks (core's engine-guard.test.ts "lazy start", transport-http's
// lazy-sdk.test.ts) and are skipped on the others with their reason (Deno: "ignored", Bun: "skip").
// Skip a runtime-dependent test per it(), not per describe(): Bun reports no test of a skipped
// describe() at all.
//
// Suites that need a program (Chromium, python3, util-linux's `script`) ask @mcpwire/testing's
// requirement(), which skips them when it is missing and says so on stderr; this script collects
// those lines and ends its report with one line per missing program, on every runtime (Bun's own
// count just drops). MCPWIRE_REQUIRE=all (CI) or a list of names fails those suites instead.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { skipSummary } from "./_skip-summary.mjs";
import { ROOT, testFiles } from "./_test-files.mjs";
import { SKIP_MARKER } from "../packages/testing/src/skip-marker.mjs";

const BIN = join(ROOT, "node_modules", ".bin");
const CONDITION = "@mcpwire/source";
const TEST_TIMEOUT_MS = 120_000;
// Test files mostly wait on subprocesses and sockets, so more files than cores run at once.
const FILE_CONCURRENCY = Number(process.env.MCPWIRE_TEST_FILES ?? 4);

/** @type {Record<string, (files: string[]) => [string, string[]]>} */
const COMMANDS = {
  node: (files) => [process.execPath, [
    `--conditions=${CONDITION}`,
    "--import",
    "tsx",
    "--test",
    "--test-reporter=spec",
    `--test-concurrency=${FILE_CONCURRENCY}`,
    `--test-timeout=${TEST_TIMEOUT_MS}`,
    ...files,
  ]],
  deno: (
    files,
  ) => [join(BIN, "deno"), [
    "test",
    "-A",
    "--no-check",
    "--parallel",
    "--permit-no-files",
    ...files,
  ]],
  bun: (files) => [join(BIN, "bun"), [
    "test",
    `--conditions=${CONDITION}`,
    `--timeout=${TEST_TIMEOUT_MS}`,
    "--pass-with-no-tests",
    ...files,
  ]],
};

const [runtime, ...folders] = process.argv.slice(2);
const command = COMMANDS[runtime ?? ""];
if (!command) {
  console.error(`usage: run-tests.mjs <${Object.keys(COMMANDS).join("|")}> [package folder …]`);
  process.exit(2);
}
const files = testFiles(folders);
if (files.length === 0) {
  console.log(`${runtime}: no test files`);
  process.exit(0);
}
// What requirement() (packages/testing/src/requirements.ts) writes when it skips.
const SKIP_LINE = new RegExp(
  `${SKIP_MARKER.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} (\\S+): (.*)`,
  "g",
);
/** @type {Map<string, { reason: string, files: number }>} */
const missing = new Map();

/** Passes a stream through, collecting skip lines (a line may arrive in two chunks). */
function relay(from, to) {
  let tail = "";
  from.on("data", (chunk) => {
    to.write(chunk);
    const lines = (tail + chunk).split("\n");
    tail = lines.pop() ?? "";
    for (const [, name, reason] of lines.join("\n").matchAll(SKIP_LINE)) {
      const seen = missing.get(name) ?? { reason, files: 0 };
      missing.set(name, { reason, files: seen.files + 1 });
    }
  });
}

const [cmd, args] = command(files);
const child = spawn(cmd, args, {
  cwd: ROOT,
  stdio: ["inherit", "pipe", "pipe"],
  env: { ...process.env, NO_COLOR: "1", DENO_JOBS: String(FILE_CONCURRENCY) },
});
relay(child.stdout, process.stdout);
relay(child.stderr, process.stderr);
const status = await new Promise((resolve) => {
  child.on("error", (error) => {
    console.error(`${runtime}: could not start ${cmd}: ${error.message}`);
    resolve(1);
  });
  child.on("close", (code) => resolve(code ?? 1));
});
for (const [name, { reason, files }] of [...missing].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(skipSummary(runtime, name, files, reason));
}
process.exit(status);
