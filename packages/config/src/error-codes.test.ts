import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { McpwireError } from "@mcpwire/core";
import * as mod from "./mod.ts";

describe("@mcpwire/config's errors", () => {
  it("ConfigError is its only error class, with code CONFIG", () => {
    const exported = Object.entries(mod)
      .filter(([, value]) => typeof value === "function" && value.prototype instanceof McpwireError)
      .map(([name]) => name);
    assert.deepEqual(exported, ["ConfigError"]);
    const err = new mod.ConfigError("bad", { path: "mcpServers.a" });
    assert.equal(err.code, "CONFIG");
    assert.equal(err.name, "ConfigError");
  });

  it("no source throws a bare McpwireError with a code of its own choosing", async () => {
    const dir = new URL("./", import.meta.url);
    for (const file of await readdir(dir)) {
      if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
      const text = await readFile(new URL(file, dir), "utf8");
      assert.doesNotMatch(text, /new McpwireError\(/, file);
    }
  });
});
