import { describe, it } from "node:test";
import assert from "node:assert/strict";
// @ts-types="./_skip-summary.d.mts"
import { readSkipSummaries, skipSummary } from "./_skip-summary.mjs";

describe("run-tests.mjs's skip summary lines", () => {
  it("reads back what it writes, amid other output", () => {
    const output = [
      "ℹ pass 12",
      skipSummary("node", "chromium", 3, "set CHROMIUM=/path or install chromium"),
      skipSummary("bun", "wrk", 1, "apt-get install wrk"),
      "node: skipped a line that only looks similar",
    ].join("\n");
    assert.deepEqual(readSkipSummaries(output), [
      { runtime: "node", name: "chromium", count: "3 test files" },
      { runtime: "bun", name: "wrk", count: "1 test file" },
    ]);
  });

  it("says how to make the skip a failure", () => {
    assert.match(skipSummary("deno", "python3", 2, "no python"), /MCPWIRE_REQUIRE=python3 fails/);
  });
});
