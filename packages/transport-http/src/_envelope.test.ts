import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { applyEnvelopeHeaders, encodeHeaderValue, PROTOCOL_VERSION_META_KEY } from "./_envelope.ts";

const request = (method: string, params: Record<string, unknown>, version?: string) => ({
  jsonrpc: "2.0",
  id: 1,
  method,
  params: version ? { ...params, _meta: { [PROTOCOL_VERSION_META_KEY]: version } } : params,
});

describe("2026-era body-derived headers", () => {
  it("applyEnvelopeHeaders() sets version, method and name from a request's envelope", () => {
    const headers: Record<string, string> = {};
    applyEnvelopeHeaders(headers, request("tools/call", { name: "echo" }, "2026-07-28"));
    assert.deepEqual(headers, {
      "mcp-protocol-version": "2026-07-28",
      "mcp-method": "tools/call",
      "mcp-name": "echo",
    });
  });

  it("applyEnvelopeHeaders() leaves a request without an envelope, and notifications, alone", () => {
    const headers: Record<string, string> = { "mcp-protocol-version": "2025-06-18" };
    applyEnvelopeHeaders(headers, request("tools/call", { name: "echo" }));
    applyEnvelopeHeaders(headers, { jsonrpc: "2.0", method: "notifications/initialized" });
    assert.deepEqual(headers, { "mcp-protocol-version": "2025-06-18" });
  });

  it("encodeHeaderValue() keeps safe ASCII and base64-wraps everything else", () => {
    assert.equal(encodeHeaderValue("file:///a b.txt"), "file:///a b.txt");
    assert.equal(encodeHeaderValue("héllo"), `=?base64?${btoa("h\xc3\xa9llo")}?=`);
    assert.equal(encodeHeaderValue(" padded"), `=?base64?${btoa(" padded")}?=`);
    assert.equal(encodeHeaderValue(""), "=?base64??=");
    assert.equal(encodeHeaderValue("=?base64?x?="), `=?base64?${btoa("=?base64?x?=")}?=`);
  });
});
