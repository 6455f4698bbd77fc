#!/usr/bin/env node
// Runs `npm pack --dry-run` for each given package folder and checks the tarball would hold the
// built entry point (dist/mod.js + dist/mod.d.ts) and no tests.
// Usage: node scripts/check-pack.mjs <package folder> …
import { execFileSync } from "node:child_process";
import { relative } from "node:path";

let failures = 0;
for (const dir of process.argv.slice(2)) {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const [pack] = JSON.parse(
    execFileSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: dir,
      encoding: "utf8",
    }),
  );
  const files = pack.files.map((f) => f.path);
  const missing = ["dist/mod.js", "dist/mod.d.ts", "package.json"].filter((f) =>
    !files.includes(f)
  );
  const unwanted = files.filter((f) => /\.test\.|^src\//.test(f));
  const ok = missing.length === 0 && unwanted.length === 0;
  if (!ok) failures++;
  console.log(
    `${ok ? "ok  " : "FAIL"} ${pack.name}@${pack.version} (${relative(process.cwd(), dir)}): ` +
      `${files.length} files, ${(pack.size / 1024).toFixed(1)} kB` +
      (missing.length ? `; missing ${missing.join(", ")}` : "") +
      (unwanted.length ? `; should not ship ${unwanted.join(", ")}` : ""),
  );
  console.log("       " + files.join(" "));
}
process.exit(failures ? 1 : 0);
