import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as errors from "./errors.ts";

type ErrorsModule = typeof errors;

/** Loads errors.ts a second time from another folder: a second installed copy of core. */
async function withSecondCopy(fn: (copy: ErrorsModule) => void): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "mcpwire-core-copy-"));
  try {
    const file = join(dir, "errors.ts");
    await copyFile(fileURLToPath(new URL("./errors.ts", import.meta.url)), file);
    fn(await import(pathToFileURL(file).href) as ErrorsModule);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("errors across two copies of core", () => {
  it("the second copy's classes are other classes (the test really has two copies)", async () => {
    await withSecondCopy((copy) => {
      assert.notEqual(copy.McpwireError, errors.McpwireError);
      assert.notEqual(copy.ToolError, errors.ToolError);
    });
  });

  it("instanceof McpwireError and its subclasses holds for errors made by the other copy", async () => {
    await withSecondCopy((copy) => {
      const fromCopy = new copy.UnsupportedSourceError("cannot connect to 42");
      assert.ok(fromCopy instanceof errors.McpwireError);
      assert.ok(fromCopy instanceof errors.UnsupportedSourceError);
      assert.ok(fromCopy instanceof Error);
      const ours = new errors.ToolError("divide", "division by zero", { content: [] });
      assert.ok(ours instanceof copy.McpwireError);
      assert.ok(ours instanceof copy.ToolError);
    });
  });

  it("a subclass made outside core is an McpwireError of every copy", async () => {
    class HttpLikeError extends errors.McpwireError {}
    await withSecondCopy((copy) => {
      assert.ok(new HttpLikeError("HTTP", "404") instanceof copy.McpwireError);
    });
  });

  it("errors of another class or outside mcpwire are not instances", async () => {
    await withSecondCopy((copy) => {
      const fromCopy = new copy.TimeoutError("tools/call slow timed out after 10 ms", 10);
      assert.ok(!(fromCopy instanceof errors.ToolError));
      assert.ok(!(fromCopy instanceof errors.CancelledError));
      assert.ok(!(new Error("plain") instanceof errors.McpwireError));
      assert.ok(
        !(Object.assign(new Error("x"), { name: "ToolError" }) instanceof errors.ToolError),
      );
      assert.ok(!((null as unknown) instanceof errors.McpwireError));
      assert.ok(!({ code: "TIMEOUT" } instanceof errors.TimeoutError));
    });
  });
});
