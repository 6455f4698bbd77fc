import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
// @ts-types="./check-versions.d.mts"
import { findVersionMismatches } from "./check-versions.mjs";

function fakeRepo(npmVersion: string, denoVersion: string): string {
  const root = mkdtempSync(join(tmpdir(), "mcpwire-versions-"));
  const dir = join(root, "packages", "demo");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "@x/demo", version: npmVersion }),
  );
  writeFileSync(join(dir, "deno.json"), JSON.stringify({ name: "@x/demo", version: denoVersion }));
  return root;
}

describe("check-versions", () => {
  it("finds no mismatch in this repository", () => {
    assert.deepEqual(findVersionMismatches(resolve(import.meta.dirname, "..")), []);
  });

  it("reports a package whose deno.json version differs", () => {
    const root = fakeRepo("1.2.0", "1.1.0");
    try {
      const problems = findVersionMismatches(root);
      assert.equal(problems.length, 1);
      assert.match(
        problems[0]!,
        /packages\/demo: package.json version 1\.2\.0 != deno\.json version 1\.1\.0/,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("accepts equal versions", () => {
    const root = fakeRepo("2.0.0", "2.0.0");
    try {
      assert.deepEqual(findVersionMismatches(root), []);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
