#!/usr/bin/env node
// Runs the workspace's tests (or one package's) on one runtime, with the sources of every @mcpwire
// package (the "@mcpwire/source" export condition), and prints the runtime's own summary.
// Usage: node scripts/run-tests.mjs <node|deno|bun> [package folder …]
//
// Node passes 3 tests more than Deno and Bun, by design: three tests trace module loading with
// Node's module hooks (core's engine-guard.test.ts "lazy start", transport-http's
// lazy-sdk.test.ts) and are skipped on the others with their reason (Deno: "ignored", Bun: "skip").
// Skip a runtime-dependent test per it(), not per describe(): Bun reports no test of a skipped
// describe() at all (so whole describe()s skipped for a missing tool, Chromium or python3, vanish
// from Bun's report too, while Node and Deno list them as skipped).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT, testFiles } from "./_test-files.mjs";

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
const [cmd, args] = command(files);
const result = spawnSync(cmd, args, {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, NO_COLOR: "1", DENO_JOBS: String(FILE_CONCURRENCY) },
});
if (result.error) {
  console.error(`${runtime}: could not start ${cmd}: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
