/**
 * Programs some tests need from the machine (Chromium, python3, util-linux's `script`), and what a
 * test does when one is missing: skip, saying so on stderr where scripts/run-tests.mjs picks it up
 * on every runtime (Bun reports nothing of a skipped `describe()`), or fail, when the program is
 * named in `MCPWIRE_REQUIRE` (as CI does, so browser tests are never skipped there unseen).
 */
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import process from "node:process";
import { SKIP_MARKER } from "./skip-marker.mjs";

export { SKIP_MARKER };

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM = "/usr/bin/chromium";

const runs = (command: string, ...args: string[]) => (): boolean =>
  spawnSync(command, args, { stdio: "ignore" }).status === 0;

/** A program some tests need: how to tell it is installed, and what is missing when not. */
export interface Needed {
  found: () => boolean;
  missing: string;
}

/** Each program some tests need, by the name {@linkcode requirement} takes. */
export const REQUIREMENTS: Record<"chromium" | "python3" | "script", Needed> = {
  chromium: {
    found: () => existsSync(CHROMIUM),
    missing: `no Chromium at ${CHROMIUM} (Debian package 'chromium')`,
  },
  python3: { found: runs("python3", "--version"), missing: "python3 is not installed" },
  script: {
    found: runs("script", "--version"),
    missing: "no util-linux 'script' to make a pseudo-terminal",
  },
};

/** A program named in {@linkcode REQUIREMENTS}. */
export type Requirement = keyof typeof REQUIREMENTS;

/** Where {@linkcode requirement} reads its switches and reports a skip; tests replace them. */
export interface RequirementOptions {
  /**
   * `MCPWIRE_REQUIRE`: names (comma-separated, or `all`) whose absence fails instead of skipping.
   * `MCPWIRE_ASSUME_MISSING`: names to treat as missing, to see what a machine without them does.
   */
  env?: Record<string, string | undefined>;
  /** Receives the skip line; default: stderr. */
  report?: (line: string) => void;
}

const names = (list: string | undefined) => new Set(list?.split(",").map((s) => s.trim()));

/**
 * Why tests that need `name` are skipped on this machine, or `undefined` when it is installed.
 * A skip is announced on stderr, once per call (call it once per test file), so the run's report
 * names it on Node, Deno and Bun alike. With `name` (or `all`) in `MCPWIRE_REQUIRE`, a missing
 * program throws instead, which fails the test file that asked.
 *
 * @example
 * ```ts
 * import { describe } from "node:test";
 * import { requirement } from "@mcpwire/testing";
 *
 * describe("the generated Python client", { skip: requirement("python3") }, () => {});
 * ```
 * @throws {Error} when `name` is missing and required by `MCPWIRE_REQUIRE`.
 */
export function requirement(
  name: Requirement,
  options: RequirementOptions = {},
): string | undefined {
  const env = options.env ?? process.env;
  const { found, missing } = REQUIREMENTS[name];
  if (!names(env.MCPWIRE_ASSUME_MISSING).has(name) && found()) return undefined;
  const required = names(env.MCPWIRE_REQUIRE);
  if (required.has(name) || required.has("all")) {
    throw new Error(`MCPWIRE_REQUIRE=${env.MCPWIRE_REQUIRE} requires ${name}: ${missing}`);
  }
  const report = options.report ?? ((line: string) => process.stderr.write(line + "\n"));
  report(`${SKIP_MARKER} ${name}: ${missing}`);
  return missing;
}
