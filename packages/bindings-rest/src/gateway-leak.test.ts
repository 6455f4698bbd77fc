import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { describe, it } from "node:test";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { runtimeArgs } from "@mcpwire/testing";

const LEAK_RUN = fileURLToPath(new URL("../test/fixtures/gateway-leak-run.ts", import.meta.url));

// In a child process with the garbage collector exposed: 1,000 calls through serve() that time
// out (504) on a server that never answers, then the heap and the open descriptors.
describe("the gateway's leak run", () => {
  it("releases what each timed-out call held: heap and descriptors return to baseline", async () => {
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [...runtimeArgs(LEAK_RUN, { gc: true }), "1000"],
        {
          timeout: 100_000,
          maxBuffer: 1 << 20,
        },
        (err, stdout, stderr) =>
          err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      );
    });
    const line = out.trim().split("\n").at(-1)!;
    const { before, after, status, data } = JSON.parse(line);
    assert.equal(status, 200, "the gateway still works");
    assert.deepEqual(data, { sum: 3 });
    const grown = after.heap - before.heap;
    assert.ok(grown < 2_000_000, `heap grew ${grown} bytes over 1,000 timed-out calls: ${line}`);
    // The run's own client keeps up to 16 keep-alive connections (both ends in this process) and
    // may replace some under load; a leak would be one or more per call, thousands here.
    assert.ok(after.fds <= before.fds + 40, `descriptors ${before.fds} → ${after.fds}`);
  });
});
