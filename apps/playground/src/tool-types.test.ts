import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { Client } from "@mcpwire/core";
import { createDemoServer } from "./demo-server.ts";
import { generateToolTypes, toType, typeName } from "./tool-types.ts";

// Inside the repo (gitignored), so that `@mcpwire/core` resolves to the workspace's sources.
const ARTIFACTS = fileURLToPath(new URL("../artifacts/", import.meta.url));

function typeCheck(files: string[]): ts.Diagnostic[] {
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    customConditions: ["@mcpwire/source"],
    lib: ["lib.es2023.d.ts", "lib.esnext.disposable.d.ts", "lib.dom.d.ts"],
    types: [],
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName.startsWith(ARTIFACTS));
}

describe("toType()", () => {
  it("maps JSON Schema to TypeScript types", () => {
    assert.equal(toType({ type: "string" }), "string");
    assert.equal(toType({ type: "integer" }), "number");
    assert.equal(toType({ enum: ["a", 1] }), `"a" | 1`);
    assert.equal(toType({ type: ["string", "null"] }), "string | null");
    assert.equal(toType({ anyOf: [{ type: "number" }, { type: "null" }] }), "number | null");
    assert.equal(toType({ type: "array", items: { type: "boolean" } }), "boolean[]");
    assert.equal(
      toType({ type: "array", items: { enum: ["x", "y"] } }),
      `Array<"x" | "y">`,
    );
    assert.equal(
      toType({ type: "object", properties: { "a-b": { type: "string" } }, required: ["a-b"] }),
      `{\n  "a-b": string;\n}`,
    );
    assert.equal(toType({ type: "object", additionalProperties: false }), "Record<string, never>");
    assert.equal(toType({}), "unknown");
  });

  it("names types after tools", () => {
    assert.equal(typeName("get_current_time"), "GetCurrentTime");
    assert.equal(typeName("3d-render"), "T3dRender");
  });
});

describe("generateToolTypes()", () => {
  it("types the demo server's tools so that a wrong argument type fails to compile", async () => {
    await using client = await new Client(createDemoServer()).connect();
    const source = generateToolTypes(await client.listTools(), { origin: "demo" });
    assert.match(source, /export interface AddArgs \{/);
    assert.match(source, /export interface AddResult \{\n {2}sum: number;\n\}/);
    assert.match(source, /style\?: "plain" \| "upper" \| "lower";/);

    const dir = join(ARTIFACTS, `types-${crypto.randomUUID()}`);
    await mkdir(dir, { recursive: true });
    try {
      const header = `import type { Client } from "@mcpwire/core";\n` +
        `import { callTool } from "./tools.ts";\ndeclare const client: Client;\n`;
      await writeFile(join(dir, "tools.ts"), source);
      await writeFile(
        join(dir, "good.ts"),
        header + `export async function run(): Promise<number> {\n` +
          `  await callTool(client, "echo", { text: "hi", style: "upper", tags: ["a"] });\n` +
          `  const result = await callTool(client, "add", { a: 1, b: 2 });\n` +
          `  return result.data.sum;\n}\n`,
      );
      await writeFile(
        join(dir, "bad.ts"),
        header + `export async function run(): Promise<void> {\n` +
          `  await callTool(client, "add", { a: "1", b: 2 });\n` +
          `  await callTool(client, "no_such_tool", {});\n}\n`,
      );
      const diagnostics = typeCheck(["tools.ts", "good.ts", "bad.ts"].map((f) => join(dir, f)));
      const where = diagnostics.map((d) => {
        const line = d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1;
        return `${d.file!.fileName.slice(dir.length + 1)}:${line} TS${d.code}`;
      });
      assert.deepEqual(where, ["bad.ts:5 TS2322", "bad.ts:6 TS2345"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
