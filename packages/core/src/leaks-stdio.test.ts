// The leak suite over real stdio: requests given up on (timeouts and aborts, on core's direct
// path and the SDK's) release what they held, and a program that gave up on some never has to
// close its client to exit.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { assertReleased, EXIT_MS, LEAK_N, leakReports, runFixture } from "./_test_leak_suite.ts";

describe("stdio: requests given up on release what they held", () => {
  it(`${LEAK_N} timed-out and aborted requests: tables, descriptors and heap return to baseline`, async () => {
    const report = (await leakReports(["stdio"])).get("stdio");
    assert.ok(report, "no report from the stdio workload");
    assertReleased(report);
  });

  it("a program that gave up on stdio requests and never closes its client exits by itself", async () => {
    const { out } = await runFixture("never-closed.ts", ["stdio"], EXIT_MS);
    assert.match(out, /gave up; server pid \d+/);
  });
});
