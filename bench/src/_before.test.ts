import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeHttpTransport, beforeStdio } from "./_before.ts";

describe("MCPWIRE_BEFORE's old tree", () => {
  it("loads the ref's core, transport-stdio and transport-http on this runtime", async () => {
    const parent = mkdtempSync(join(tmpdir(), "mcpwire-before-test-"));
    try {
      const old = await beforeStdio("HEAD", parent);
      assert.equal(typeof old?.Client, "function");
      assert.equal(typeof old?.StdioTransport, "function");
      assert.equal(typeof await beforeHttpTransport("HEAD", parent), "function");
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
