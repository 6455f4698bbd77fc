import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as mod from "./mod.ts";
import {
  CancelledError,
  ConnectionError,
  InputValidationError,
  McpError,
  McpwireError,
  MissingPackageError,
  NotConnectedError,
  OutputValidationError,
  TimeoutError,
  ToolError,
  UnsupportedSourceError,
} from "./mod.ts";

describe("errors", () => {
  it("ToolError is an McpwireError with code TOOL_ERROR and keeps the result", () => {
    const result = { content: [{ type: "text" as const, text: "boom" }], isError: true };
    const err = new ToolError("explode", "boom", result);
    assert.ok(err instanceof McpwireError);
    assert.ok(err instanceof Error);
    assert.equal(err.code, "TOOL_ERROR");
    assert.equal(err.name, "ToolError");
    assert.equal(err.toolName, "explode");
    assert.equal(err.result, result);
  });

  it("McpError keeps the JSON-RPC code and data", () => {
    const err = new McpError(-32602, "Invalid params", { field: "a" });
    assert.equal(err.code, "MCP_ERROR");
    assert.equal(err.rpcCode, -32602);
    assert.deepEqual(err.data, { field: "a" });
  });

  it("validation errors name the tool and every failing path", () => {
    const out = new OutputValidationError("add", [
      { path: ["sum"], message: "expected number" },
      { path: [], message: "missing key" },
    ]);
    assert.match(out.message, /tool 'add'/);
    assert.match(out.message, /sum: expected number; \(root\): missing key/);
    const input = new InputValidationError("add", [{ path: ["a"], message: "expected number" }]);
    assert.equal(input.code, "INPUT_VALIDATION");
    assert.match(input.message, /a: expected number/);
  });

  it("MissingPackageError names the package and the install command of the runtime in use", () => {
    const err = new MissingPackageError("@mcpwire/transport-stdio", "'server.py'");
    const add = "Deno" in globalThis
      ? "deno add npm:"
      : "Bun" in globalThis
      ? "bun add "
      : "npm install ";
    assert.equal(err.installCommand, `${add}@mcpwire/transport-stdio`);
    assert.ok(err.message.includes(`\`${add}@mcpwire/transport-stdio\``), err.message);
    assert.equal(err.packageName, "@mcpwire/transport-stdio");
  });
});

describe("error codes", () => {
  const CODES: Record<string, [string, () => McpwireError]> = {
    ToolError: ["TOOL_ERROR", () => new ToolError("t", "m", { content: [] })],
    McpError: ["MCP_ERROR", () => new McpError(-32600, "m")],
    TimeoutError: ["TIMEOUT", () => new TimeoutError("m", 1)],
    CancelledError: ["CANCELLED", () => new CancelledError("m")],
    ConnectionError: ["CONNECTION", () => new ConnectionError("m")],
    NotConnectedError: ["NOT_CONNECTED", () => new NotConnectedError("m")],
    OutputValidationError: ["OUTPUT_VALIDATION", () => new OutputValidationError("t", [])],
    InputValidationError: ["INPUT_VALIDATION", () => new InputValidationError("t", [])],
    UnsupportedSourceError: ["UNSUPPORTED_SOURCE", () => new UnsupportedSourceError("m")],
    MissingPackageError: ["MISSING_PACKAGE", () => new MissingPackageError("p", "s")],
  };

  it("every error class core exports has its own code, and only core's codes", () => {
    const exported = Object.entries(mod)
      .filter(([, value]) => typeof value === "function" && value.prototype instanceof McpwireError)
      .map(([name]) => name)
      .sort();
    assert.deepEqual(exported, Object.keys(CODES).sort());
    for (const [name, [code, make]] of Object.entries(CODES)) {
      const err = make();
      assert.equal(err.code, code, name);
      assert.equal(err.name, name);
    }
    const codes = Object.values(CODES).map(([code]) => code);
    assert.equal(new Set(codes).size, codes.length, "one code per class");
  });
});
