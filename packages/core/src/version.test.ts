import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CORE_VERSION } from "./mod.ts";

describe("CORE_VERSION", () => {
  it("is this package's version (scripts/version-constant.mjs regenerates it)", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    assert.equal(CORE_VERSION, pkg.version);
  });
});
