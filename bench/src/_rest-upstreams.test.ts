import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import process from "node:process";
import { mcpServersOf, REST_UPSTREAMS, restUpstream } from "./_rest-upstreams.ts";

describe("REST_UPSTREAMS", () => {
  it("checks accept each tool's right answer and reject another", () => {
    const { minimal, everything } = REST_UPSTREAMS;
    assert.equal(minimal.ok({ data: { sum: 2 } }), true);
    assert.equal(minimal.ok({ data: { sum: 3 } }), false);
    assert.equal(everything.ok({ content: [{ text: "Echo: hi" }] }), true);
    assert.equal(everything.ok({ content: [{ text: "Echo: ho" }] }), false);
  });

  it("bodies are JSON and scripts exist", () => {
    for (const upstream of Object.values(REST_UPSTREAMS)) {
      assert.equal(typeof JSON.parse(upstream.body), "object");
      assert.ok(existsSync(upstream.script), upstream.script);
    }
  });
});

describe("restUpstream()", () => {
  it("finds an upstream by id and nothing for other names", () => {
    assert.equal(restUpstream("everything"), REST_UPSTREAMS.everything);
    assert.equal(restUpstream("instant"), undefined);
    assert.equal(restUpstream("constructor"), undefined);
  });
});

describe("mcpServersOf()", () => {
  it("runs each script with its arguments through the launcher, keyed by id", () => {
    const servers = mcpServersOf(Object.values(REST_UPSTREAMS), (f, ...r) => ["L", f, ...r]);
    assert.deepEqual(Object.keys(servers), ["minimal", "everything"]);
    assert.equal(servers.everything!.command, process.execPath);
    assert.deepEqual(servers.everything!.args, ["L", REST_UPSTREAMS.everything.script, "stdio"]);
  });
});
