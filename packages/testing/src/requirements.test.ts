import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { requirement, REQUIREMENTS } from "./requirements.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const FIXTURE = "packages/testing/test/fixtures/needs-python";
const RUNTIME = "Deno" in globalThis ? "deno" : "Bun" in globalThis ? "bun" : "node";

/** scripts/run-tests.mjs on the fixture package, with this runtime and these variables. */
function runTests(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const { NODE_TEST_CONTEXT: _, ...parent } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn("node", ["scripts/run-tests.mjs", RUNTIME, FIXTURE], {
      cwd: ROOT,
      env: { ...parent, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe("requirement()", () => {
  const missing = { MCPWIRE_ASSUME_MISSING: "python3" };

  it("requirement() skips a missing program with its reason, said once on the report line", () => {
    const lines: string[] = [];
    const reason = requirement("python3", { env: missing, report: (l) => lines.push(l) });
    assert.equal(reason, "python3 is not installed");
    assert.deepEqual(lines, ["[mcpwire-testing] missing python3: python3 is not installed"]);
  });

  it("requirement() throws for a missing program that MCPWIRE_REQUIRE names, or with 'all'", () => {
    const report = () => assert.fail("a required program is not skipped");
    for (const list of ["chromium, python3", "all"]) {
      assert.throws(
        () => requirement("python3", { env: { ...missing, MCPWIRE_REQUIRE: list }, report }),
        new RegExp(`^Error: MCPWIRE_REQUIRE=${list} requires python3: python3 is not installed$`),
      );
    }
    const env = { ...missing, MCPWIRE_REQUIRE: "chromium" };
    assert.equal(requirement("python3", { env, report: () => {} }), "python3 is not installed");
  });

  it("requirement() says nothing for an installed program", () => {
    const lines: string[] = [];
    const reason = requirement("chromium", { env: {}, report: (l) => lines.push(l) });
    assert.equal(reason === undefined, REQUIREMENTS.chromium.found());
    assert.equal(lines.length, reason === undefined ? 0 : 1);
  });
});

describe("a missing program in scripts/run-tests.mjs", () => {
  it(`is named at the end of the ${RUNTIME} report, and fails the run under MCPWIRE_REQUIRE`, async () => {
    const skipped = await runTests({ MCPWIRE_ASSUME_MISSING: "python3", MCPWIRE_REQUIRE: "" });
    assert.equal(skipped.code, 0, skipped.out);
    assert.match(
      skipped.out.trimEnd().split("\n").at(-1)!,
      new RegExp(
        `^${RUNTIME}: skipped, python3 missing \\(1 test file\\): python3 is not installed`,
      ),
      skipped.out,
    );
    const required = await runTests({ MCPWIRE_ASSUME_MISSING: "python3", MCPWIRE_REQUIRE: "all" });
    assert.notEqual(required.code, 0, required.out);
    assert.match(required.out, /MCPWIRE_REQUIRE=all requires python3: python3 is not installed/);
  });
});
