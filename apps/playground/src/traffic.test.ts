import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Traffic, type TrafficEntry } from "./_traffic.ts";

describe("Traffic", () => {
  it("pairs a response with its request by server, direction and id", () => {
    const seen: TrafficEntry[] = [];
    const t = new Traffic((e) => void seen.push(e));
    t.add("a", "out", { jsonrpc: "2.0", id: 1, method: "tools/call", params: {} });
    t.add("b", "in", { jsonrpc: "2.0", id: 1, method: "roots/list" });
    t.add("a", "in", { jsonrpc: "2.0", method: "notifications/message", params: {} });
    t.add("b", "out", { jsonrpc: "2.0", id: 1, result: { roots: [] } });
    t.add("a", "in", { jsonrpc: "2.0", id: 1, error: { code: -1, message: "no" } });
    t.add("a", "in", { jsonrpc: "2.0", id: 9, result: {} });
    assert.deepEqual(
      seen.map((e) => [e.server, e.dir, e.kind, e.method, e.id, e.ref]),
      [
        ["a", "out", "request", "tools/call", 1, undefined],
        ["b", "in", "request", "roots/list", 1, undefined],
        ["a", "in", "notification", "notifications/message", undefined, undefined],
        ["b", "out", "response", "roots/list", 1, 2],
        ["a", "in", "error", "tools/call", 1, 1],
        ["a", "in", "response", "", 9, undefined],
      ],
    );
  });

  it("keeps the last `limit` messages of each server, in order, long strings shortened", () => {
    const t = new Traffic(() => {}, 2);
    for (let i = 1; i <= 3; i++) t.add("a", "in", { jsonrpc: "2.0", method: `m${i}` });
    t.add("b", "in", { jsonrpc: "2.0", method: "x", params: { blob: "z".repeat(5_000) } });
    const recent = t.recent();
    assert.deepEqual(recent.map((e) => e.method), ["m2", "m3", "x"]);
    const blob = (recent[2]!.message as { params: { blob: string } }).params.blob;
    assert.match(blob, /^z{200}… \(5000 chars\)$/);
  });

  it("forgets a removed server: its messages and the requests still waiting for an answer", () => {
    const t = new Traffic(() => {});
    t.add("a", "out", { jsonrpc: "2.0", id: 1, method: "tools/call", params: {} });
    t.add("b", "out", { jsonrpc: "2.0", id: 1, method: "ping" });
    t.forget("a");
    assert.deepEqual(t.recent().map((e) => e.server), ["b"]);
    // A new server of the same name: its answer to id 1 is not paired with the old request.
    const answer = t.add("a", "in", { jsonrpc: "2.0", id: 1, result: {} });
    assert.equal(answer.ref, undefined);
    assert.equal(t.add("b", "in", { jsonrpc: "2.0", id: 1, result: {} }).method, "ping");
  });
});
