import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { runtimeArgs } from "@mcpwire/testing";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SCRIPT = fileURLToPath(new URL("./_test_before_load.ts", import.meta.url));

/** What the old tree's load printed (run in its own process: see _test_before_load.ts). */
function loadOld(parent: string): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...runtimeArgs(SCRIPT), parent],
      { cwd: ROOT, timeout: 90_000 },
      (err, out, errs) =>
        err ? reject(new Error(`${err.message}\n${errs}`)) : resolve(JSON.parse(out)),
    );
  });
}

describe("MCPWIRE_BEFORE's old tree", () => {
  it("loads the ref's core, transport-stdio and transport-http on this runtime", async () => {
    const parent = mkdtempSync(join(tmpdir(), "mcpwire-before-test-"));
    try {
      assert.deepEqual(await loadOld(parent), {
        Client: "function",
        StdioTransport: "function",
        StreamableHttpTransport: "function",
      });
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it("extracts it whole when three runs ask for it at once: each loads it, one copy stays", async () => {
    const parent = mkdtempSync(join(tmpdir(), "mcpwire-before-test-"));
    try {
      const loads = await Promise.all([loadOld(parent), loadOld(parent), loadOld(parent)]);
      for (const load of loads) assert.equal(load.Client, "function");
      const left = readdirSync(parent);
      assert.equal(left.length, 1, `${left}`);
      assert.match(left[0]!, /^mcpwire-before-[0-9a-f]+$/);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
