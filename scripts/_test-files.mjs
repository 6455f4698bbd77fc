// deno-lint-ignore-file explicit-module-boundary-types -- plain JS scripts, typed by JSDoc
// Lists the test files of the workspace (or of the given package folders), for runners that do not
// expand globs themselves (Node 20's `--test`).
import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..");
const WORKSPACE_DIRS = ["packages", "apps"];
const BENCH = join(ROOT, "bench");

/** @returns {string[]} every package and app folder, absolute */
export function workspaceFolders() {
  return WORKSPACE_DIRS.flatMap((dir) => {
    const abs = join(ROOT, dir);
    return readdirSync(abs).map((name) => join(abs, name)).filter((p) => statSync(p).isDirectory());
  });
}

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (entry.name === "node_modules" || entry.name === "dist" || entry.name === "fixtures") {
      continue;
    }
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (/\.test\.ts$/.test(entry.name)) out.push(path);
  }
  return out;
}

/**
 * @param {string[]} folders package folders; all of them when empty
 * @returns {string[]} test files relative to the repo root, sorted, each starting with "./"
 */
export function testFiles(folders = []) {
  // bench is a workspace too: its tests (bench/src/*.test.ts) guard the harness's own code.
  const roots = folders.length ? folders.map((f) => resolve(f)) : [...workspaceFolders(), BENCH];
  const scripts = folders.length ? [] : walk(join(ROOT, "scripts"), []);
  return roots
    .flatMap((root) => [...walk(join(root, "src"), []), ...walk(join(root, "test"), [])])
    .concat(scripts)
    .map((file) => "./" + relative(ROOT, file))
    .sort();
}
