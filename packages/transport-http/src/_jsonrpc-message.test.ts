import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseJSONRPCMessage } from "@modelcontextprotocol/client";
import { isJsonRpcMessage, toJsonRpcMessage } from "./_jsonrpc-message.ts";

const v = "2.0";
const task = "io.modelcontextprotocol/related-task";
const serverInfo = "io.modelcontextprotocol/serverInfo";

// Every message the check accepts, each also accepted unchanged by the SDK's schema.
const valid: unknown[] = [
  { jsonrpc: v, id: 1, method: "tools/call" },
  { jsonrpc: v, id: "a", method: "", params: {} },
  { jsonrpc: v, id: -7, method: "x", params: { name: "t", arguments: { a: [1] } } },
  { jsonrpc: v, id: 0, method: "x", params: { _meta: { progressToken: "p", other: 1 } } },
  { jsonrpc: v, id: 2 ** 53 - 1, method: "x", params: { _meta: { progressToken: 3 } } },
  { jsonrpc: v, method: "notifications/message", params: { level: "info", data: null } },
  { jsonrpc: v, method: "x", params: { _meta: { [task]: { taskId: "t" } } } },
  { jsonrpc: v, method: "notifications/initialized" },
  { jsonrpc: v, id: 1, result: {} },
  { jsonrpc: v, id: "r", result: { content: [], _meta: { x: 1 } } },
  { jsonrpc: v, id: 1, error: { code: -32601, message: "no such method" } },
  { jsonrpc: v, id: "e", error: { code: 0, message: "", data: { why: [1] } } },
  { jsonrpc: v, error: { code: -32700, message: "parse error" } },
];

// Not messages: the check says no, and so does the SDK's schema.
const invalid: unknown[] = [
  null,
  "x",
  [],
  [{ jsonrpc: v, id: 1, result: {} }],
  {},
  { id: 1, method: "x" },
  { jsonrpc: "1.0", id: 1, method: "x" },
  { jsonrpc: v, id: 1.5, method: "x" },
  { jsonrpc: v, id: 2 ** 53, method: "x" },
  { jsonrpc: v, id: true, method: "x" },
  { jsonrpc: v, id: [1], method: "x" },
  { jsonrpc: v, id: 1, method: 5 },
  { jsonrpc: v, id: 1, method: "x", params: [] },
  { jsonrpc: v, id: 1, method: "x", params: null },
  { jsonrpc: v, id: 1, method: "x", params: "p" },
  { jsonrpc: v, method: "x", params: { _meta: null } },
  { jsonrpc: v, method: "x", params: { _meta: [] } },
  { jsonrpc: v, method: "x", params: { _meta: { progressToken: 1.5 } } },
  { jsonrpc: v, method: "x", params: { _meta: { progressToken: null } } },
  { jsonrpc: v, method: "x", params: { _meta: { [task]: {} } } },
  { jsonrpc: v, method: "x", params: { _meta: { [task]: { taskId: 1 } } } },
  { jsonrpc: v, id: 1, method: "x", extra: 1 },
  { jsonrpc: v, id: 1, method: "x", result: {} },
  { jsonrpc: v, method: "x", error: { code: 1, message: "m" } },
  { jsonrpc: v, id: 1 },
  { jsonrpc: v, id: 1, params: {} },
  { jsonrpc: v, result: {} },
  { jsonrpc: v, id: 1, result: [] },
  { jsonrpc: v, id: 1, result: null },
  { jsonrpc: v, id: 1, result: "ok" },
  { jsonrpc: v, id: 1, result: { _meta: [] } },
  { jsonrpc: v, id: 1, result: { _meta: null } },
  { jsonrpc: v, id: 1, result: {}, extra: 1 },
  { jsonrpc: v, id: 1, result: {}, params: {} },
  { jsonrpc: v, id: 1, result: {}, error: { code: 1, message: "m" } },
  { jsonrpc: v, id: null, error: { code: 1, message: "m" } },
  { jsonrpc: v, id: 1.5, error: { code: 1, message: "m" } },
  { jsonrpc: v, id: 1, error: { code: 1.5, message: "m" } },
  { jsonrpc: v, id: 1, error: { code: "1", message: "m" } },
  { jsonrpc: v, id: 1, error: { code: 1 } },
  { jsonrpc: v, id: 1, error: { code: 1, message: 2 } },
  { jsonrpc: v, id: 1, error: [] },
  { jsonrpc: v, id: 1, error: null },
  { jsonrpc: v, id: 1, error: { code: 1, message: "m" }, params: {} },
  JSON.parse('{"jsonrpc":"2.0","method":"x","__proto__":{}}'),
];

// Valid, but the SDK's parse changes them; the check leaves them to it.
const reshaped: unknown[] = [
  { jsonrpc: v, id: 1, error: { code: 1, message: "m", extra: true } },
  { jsonrpc: v, method: "x", params: { _meta: { [task]: { taskId: "t", extra: 1 } } } },
  { jsonrpc: v, id: 1, result: { _meta: { [serverInfo]: 5 } } },
  { jsonrpc: v, id: 1, result: { _meta: { [serverInfo]: { name: "s", version: "1" } } } },
];

function sdkAccepts(value: unknown): boolean {
  try {
    parseJSONRPCMessage(value);
    return true;
  } catch {
    return false;
  }
}

describe("isJsonRpcMessage", () => {
  it("accepts requests, notifications and responses the SDK returns unchanged", () => {
    for (const message of valid) {
      assert.equal(isJsonRpcMessage(message), true, JSON.stringify(message));
      assert.deepEqual(parseJSONRPCMessage(message), message);
      assert.equal(toJsonRpcMessage(message), message, "the very object, not a copy");
    }
  });

  it("refuses everything the SDK's schema refuses", () => {
    for (const value of invalid) {
      assert.equal(isJsonRpcMessage(value), false, JSON.stringify(value));
      assert.equal(sdkAccepts(value), false, `the SDK accepts ${JSON.stringify(value)}`);
    }
  });

  it("leaves messages the SDK's parse would reshape to the SDK", async () => {
    for (const message of reshaped) {
      assert.equal(isJsonRpcMessage(message), false, JSON.stringify(message));
      assert.deepEqual(await toJsonRpcMessage(message), parseJSONRPCMessage(message));
    }
  });

  it("rejects with the SDK's own error for what is not a message", async () => {
    const bad = { jsonrpc: v, id: 1, result: {}, method: "x" };
    let expected: unknown;
    try {
      parseJSONRPCMessage(bad);
    } catch (error) {
      expected = error;
    }
    assert.ok(expected instanceof Error);
    await assert.rejects(async () => await toJsonRpcMessage(bad), (error: unknown) => {
      assert.equal((error as Error).constructor, expected!.constructor);
      assert.equal((error as Error).message, (expected as Error).message);
      return true;
    });
  });
});
