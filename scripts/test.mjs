#!/usr/bin/env node
// `npm test`: the one command that proves the project works. Runs every check and every runtime's
// tests, two at a time (this is a 2-core machine), prints each step's output when it ends, and
// finishes with a per-runtime summary and a plain "N passed, N failed" line.
//
// Usage: node scripts/test.mjs [--only step,step] [--skip step,step] [-- package folder …]
// Package folders after `--` narrow the test:* steps to those packages, e.g.
// `npm test -- --only test:node,test:deno,test:bun -- packages/testing`.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readSkipSummaries } from "./_skip-summary.mjs";
import { ROOT, workspaceFolders } from "./_test-files.mjs";

const BIN = join(ROOT, "node_modules", ".bin");
const node = (script, ...args) => [process.execPath, [join(ROOT, "scripts", script), ...args]];
const dashes = process.argv.indexOf("--");
const folders = dashes === -1 ? [] : process.argv.slice(dashes + 1);
const tests = (runtime) => node("run-tests.mjs", runtime, ...folders);
const published = workspaceFolders().filter((dir) =>
  !JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).private
);

/** Steps run in this order, up to CONCURRENCY at once; `after` names steps that must pass first. */
const STEPS = [
  { name: "versions", cmd: node("check-versions.mjs") },
  { name: "typecheck", cmd: [join(BIN, "tsc"), ["-p", "tsconfig.json"]] },
  { name: "lint", cmd: [join(BIN, "deno"), ["lint"]] },
  { name: "fmt", cmd: [join(BIN, "deno"), ["fmt", "--check"]] },
  // No source reads a dependency's private `_member` (scripts/check-private-reads.mjs).
  { name: "private-reads", cmd: node("check-private-reads.mjs") },
  // `redocly lint` of the REST binding's OpenAPI document: 0 errors, 0 warnings.
  { name: "openapi-lint", cmd: node("../packages/bindings-rest/scripts/lint-openapi.mjs") },
  { name: "test:node", runtime: "node", count: "node", cmd: tests("node") },
  { name: "test:deno", runtime: "deno", count: "deno", cmd: tests("deno") },
  { name: "test:bun", runtime: "bun", count: "bun", cmd: tests("bun") },
  { name: "jsr", cmd: node("jsr-publish.mjs", "--dry-run") },
  { name: "build", cmd: [join(BIN, "turbo"), ["run", "build", "--output-logs=errors-only"]] },
  { name: "pack", after: ["build"], cmd: node("check-pack.mjs", ...published) },
  // The MCP conformance suite (26 client scenarios × Node, Deno, Bun). `sse-retry` is timing
  // sensitive, so it runs alone, after everything else.
  {
    name: "conformance",
    runtime: "node, deno, bun",
    count: "conformance",
    alone: true,
    cmd: node("../packages/transport-http/scripts/conformance.mjs"),
  },
];
const CONCURRENCY = Number(process.env.MCPWIRE_TEST_CONCURRENCY ?? 2);

function parseList(flag) {
  const i = process.argv.indexOf(flag);
  return i === -1 ? undefined : new Set(process.argv[i + 1]?.split(","));
}
const only = parseList("--only");
const skip = parseList("--skip") ?? new Set();
const selected = STEPS.filter((s) => (!only || only.has(s.name)) && !skip.has(s.name));
const ready = (step) =>
  step.alone
    ? selected.every((other) => other === step || results.has(other.name))
    : (step.after ?? []).every((a) => results.has(a) || !selected.some((x) => x.name === a));

/** Reads "N passed / N failed" out of each runtime's own summary. */
const COUNTERS = {
  conformance: (out) => ({
    passed: last(out, /^conformance: (\d+) passed/gm),
    failed: last(out, /^conformance: \d+ passed, (\d+) failed/gm),
  }),
  node: (out) => ({ passed: last(out, /^ℹ pass (\d+)/gm), failed: last(out, /^ℹ fail (\d+)/gm) }),
  bun: (out) => ({
    passed: last(out, /^\s*(\d+) pass$/gm),
    failed: last(out, /^\s*(\d+) fail$/gm),
  }),
  deno: (out) => {
    // "ok | 2 passed (7 steps) | 1 failed (1 step)": describe() blocks are tests, it() are steps.
    const m = [
      ...out.matchAll(/(\d+) passed(?: \((\d+) steps?\))? \| (\d+) failed(?: \((\d+) steps?\))?/g),
    ]
      .at(-1);
    if (!m) return { passed: undefined, failed: undefined };
    return { passed: Number(m[2] ?? m[1]), failed: Number(m[4] ?? m[3]) };
  },
};
function last(text, re) {
  const all = [...text.matchAll(re)];
  return all.length ? Number(all.at(-1)[1]) : undefined;
}

function run(step) {
  const started = performance.now();
  return new Promise((resolve) => {
    const [cmd, args] = step.cmd;
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1", TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (err) => (output += `could not start ${cmd}: ${err.message}\n`));
    child.on("close", (code, signal) => {
      resolve({
        step,
        ok: code === 0,
        code: code ?? signal,
        output,
        seconds: (performance.now() - started) / 1000,
      });
    });
  });
}

function report(result) {
  const { step, ok, code, output, seconds } = result;
  const label = step.runtime ? `${step.name} (runtime: ${step.runtime})` : step.name;
  console.log(
    `\n━━━ ${ok ? "PASS" : "FAIL"} ${label} — ${seconds.toFixed(1)} s${ok ? "" : `, exit ${code}`}`,
  );
  const lines = output.trimEnd().split("\n");
  // Passing steps show their tail; failing ones show everything, so the cause is on screen.
  console.log((ok ? lines.slice(-12) : lines).join("\n"));
}

const results = new Map();
const pending = [...selected];
async function worker() {
  while (pending.length) {
    const index = pending.findIndex(ready);
    if (index === -1) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    const [step] = pending.splice(index, 1);
    const blocked = (step.after ?? []).find((a) => results.get(a) && !results.get(a).ok);
    const result = blocked
      ? { step, ok: false, code: "skipped", output: `not run: ${blocked} failed`, seconds: 0 }
      : await run(step);
    results.set(step.name, result);
    report(result);
  }
}
const t0 = performance.now();
await Promise.all(Array.from({ length: CONCURRENCY }, worker));

let passed = 0;
let failed = 0;
let skipped = false;
console.log(`\n━━━ summary (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
for (const step of selected) {
  const r = results.get(step.name);
  let detail = "";
  if (step.count) {
    const c = COUNTERS[step.count](r.output);
    passed += c.passed ?? 0;
    failed += c.failed ?? (r.ok ? 0 : 1);
    detail = c.passed === undefined
      ? " (no test summary found)"
      : ` ${c.passed} passed, ${c.failed} failed`;
    // Suites skipped because a program is missing show here rather than in the hidden middle of
    // the output.
    const skips = readSkipSummaries(r.output);
    if (skips.length) {
      skipped = true;
      detail += `; skipped: ${skips.map((s) => `${s.name} missing (${s.count})`).join(", ")}`;
    }
  } else if (!r.ok) failed += 1;
  console.log(`${r.ok ? "ok  " : "FAIL"} ${step.name}${detail}`);
}
if (skipped) {
  console.log("MCPWIRE_REQUIRE=all makes a missing program a failure (CI sets it)");
}
const failedSteps = selected.filter((s) => !results.get(s.name).ok).map((s) => s.name);
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(", ")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps.length ? 1 : 0);
