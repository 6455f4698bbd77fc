import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { McpwireError } from "@mcpwire/core";
import * as mod from "./mod.ts";

describe("@mcpwire/transport-stdio's errors", () => {
  it("StdoutNoiseError is its only error class, with its own code STDOUT_NOISE", () => {
    const exported = Object.entries(mod)
      .filter(([, value]) => typeof value === "function" && value.prototype instanceof McpwireError)
      .map(([name]) => name);
    assert.deepEqual(exported, ["StdoutNoiseError"]);
    const err = new mod.StdoutNoiseError("server `x` wrote 1 non-JSON line(s)");
    assert.equal(err.code, "STDOUT_NOISE");
    assert.equal(err.name, "StdoutNoiseError");
  });

  it("no source throws a bare McpwireError", async () => {
    const dir = new URL("./", import.meta.url);
    for (const file of await readdir(dir)) {
      if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
      const text = await readFile(new URL(file, dir), "utf8");
      assert.doesNotMatch(text, /new McpwireError\(/, file);
    }
  });
});
