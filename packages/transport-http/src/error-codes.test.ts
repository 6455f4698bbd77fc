import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { McpwireError } from "@mcpwire/core";
import * as mod from "./mod.ts";

describe("@mcpwire/transport-http's errors", () => {
  it("HttpError has code HTTP and AuthError AUTH; no other class is exported", () => {
    const exported = Object.entries(mod)
      .filter(([, value]) => typeof value === "function" && value.prototype instanceof McpwireError)
      .map(([name]) => name)
      .sort();
    assert.deepEqual(exported, ["AuthError", "HttpError"]);
    const http = new mod.HttpError("m", { status: 500, url: "http://127.0.0.1/mcp" });
    assert.equal(http.code, "HTTP");
    const auth = new mod.AuthError("m", { url: "http://127.0.0.1/mcp" });
    assert.equal(auth.code, "AUTH");
  });

  it("no source throws a bare McpwireError: HTTP is thrown only as an HttpError", async () => {
    const dir = new URL("./", import.meta.url);
    for (const file of await readdir(dir)) {
      if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
      const text = await readFile(new URL(file, dir), "utf8");
      assert.doesNotMatch(text, /new McpwireError\(/, file);
    }
  });
});
