import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";

const README = new URL("../README.md", import.meta.url);
const blocks = [...readFileSync(README, "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) =>
  m[1]!
);
// the self-contained examples: they build their own server, so they can run as they are
const runnable = blocks.filter((code) =>
  code.includes("new McpServer(") && code.startsWith("import")
);

describe("README examples", () => {
  it("has self-contained examples to run", () => {
    assert.ok(runnable.length >= 3, `found ${runnable.length}`);
  });

  for (const [i, code] of runnable.entries()) {
    it(`self-contained README example ${i + 1} runs`, async () => {
      const file = new URL(
        `../test/_readme_${i}_${Date.now()}_${Math.random().toString(36).slice(2)}.ts`,
        import.meta.url,
      );
      writeFileSync(file, code);
      const { log } = console;
      const printed: unknown[] = [];
      console.log = (...args: unknown[]) => void printed.push(args);
      try {
        await import(file.href);
      } finally {
        console.log = log;
        rmSync(file, { force: true });
      }
      assert.ok(printed.length > 0);
    });
  }

  it("the quick start prints what it promises", async () => {
    const file = new URL(`../test/_readme_quick_${Date.now()}.ts`, import.meta.url);
    writeFileSync(file, runnable[0]!);
    const { log } = console;
    const printed: unknown[] = [];
    console.log = (...args: unknown[]) => void printed.push(args);
    try {
      await import(file.href);
    } finally {
      console.log = log;
      rmSync(file, { force: true });
    }
    assert.deepEqual(printed, [[["add"]], [8]]);
  });
});
