#!/usr/bin/env node
// Publishes the workspace to JSR (`deno publish`, arguments passed on: `--dry-run` to simulate).
// In the repository, core's `#load-optional` (packages/core/deno.json) is the loader that imports
// optional packages by name, as on npm. A JSR package cannot import packages that depend on it (a
// cycle JSR refuses), so for the publish it points at the registry-only loader, and is restored
// afterwards: JSR users import the optional packages they use once, and they register themselves.
// Usage: node scripts/jsr-publish.mjs [--dry-run] [deno publish options…]
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CONFIG = join(ROOT, "packages", "core", "deno.json");
const FROM = `"#load-optional": "./src/_load-optional.ts"`;
const TO = `"#load-optional": "./src/_load-optional-jsr.ts"`;

const original = readFileSync(CONFIG, "utf8");
if (!original.includes(FROM)) {
  console.error(`jsr-publish: ${CONFIG} no longer maps ${FROM}; update this script`);
  process.exit(2);
}
const restore = () => writeFileSync(CONFIG, original);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => (restore(), process.exit(1)));
writeFileSync(CONFIG, original.replace(FROM, TO));
let result;
try {
  result = spawnSync(
    join(ROOT, "node_modules", ".bin", "deno"),
    ["publish", "--allow-dirty", ...process.argv.slice(2)],
    { cwd: ROOT, stdio: "inherit" },
  );
} finally {
  restore();
}
if (result.error) console.error(`jsr-publish: could not start deno: ${result.error.message}`);
process.exit(result.status ?? 1);
