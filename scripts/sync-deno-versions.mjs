#!/usr/bin/env node
// Copies each published package's package.json version into its deno.json (the JSR manifest), after
// `changeset version` bumped the package.json files. `npm run version-packages` runs both.
// Usage: node scripts/sync-deno-versions.mjs [repository root]
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(process.argv[2] ?? fileURLToPath(new URL("..", import.meta.url)));
for (const group of ["packages", "apps"]) {
  for (const name of readdirSync(join(root, group))) {
    const denoPath = join(root, group, name, "deno.json");
    const npmPath = join(root, group, name, "package.json");
    if (!existsSync(denoPath) || !existsSync(npmPath)) continue;
    const { version } = JSON.parse(readFileSync(npmPath, "utf8"));
    const text = readFileSync(denoPath, "utf8");
    const updated = text.replace(/("version":\s*")[^"]*(")/, `$1${version}$2`);
    if (updated !== text) {
      writeFileSync(denoPath, updated);
      console.log(`${group}/${name}/deno.json: ${version}`);
    }
  }
}
