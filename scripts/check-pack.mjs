#!/usr/bin/env node
// deno-lint-ignore-file explicit-module-boundary-types -- a plain JS script, typed by JSDoc
// Checks what each published package's tarball would hold: every `exports` target (each with a
// `types`), every `bin`, LICENSE (the repository's), README.md and package.json, and no sources or
// tests. Also checks that packing builds what it ships (a `prepack` script) and that internal
// dependencies are ranges, so upgrading one package never installs a second copy of another.
// Usage: node scripts/check-pack.mjs <package folder> …   (runs `npm pack --dry-run --ignore-scripts`
// after `npm run build`; scripts/release-test.mjs checks real tarballs with checkPackage()).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The files a package's manifest promises, relative to the package folder. */
export function promisedFiles(pkg) {
  const files = new Set(["package.json", "README.md", "LICENSE"]);
  const problems = [];
  const add = (target) => files.add(target.replace(/^\.\//, ""));
  const exportsField = typeof pkg.exports === "string" ? { ".": pkg.exports } : pkg.exports ?? {};
  for (const [subpath, target] of Object.entries(exportsField)) {
    if (typeof target === "string") {
      add(target);
      if (target.endsWith(".js")) problems.push(`export ${subpath} has no types`);
      continue;
    }
    const conditions = Object.entries(target).filter(([c]) => c !== "@mcpwire/source");
    for (const [, file] of conditions) if (typeof file === "string") add(file);
    if (!conditions.some(([c]) => c === "types")) problems.push(`export ${subpath} has no types`);
  }
  for (const target of Object.values(pkg.imports ?? {})) {
    const targets = typeof target === "string" ? { default: target } : target;
    for (const [condition, file] of Object.entries(targets)) {
      if (condition !== "@mcpwire/source" && typeof file === "string") add(file);
    }
  }
  for (const field of ["main", "module", "types", "typings"]) if (pkg[field]) add(pkg[field]);
  const bin = typeof pkg.bin === "string" ? { [pkg.name]: pkg.bin } : pkg.bin ?? {};
  for (const file of Object.values(bin)) add(file);
  return { files: [...files], problems };
}

/**
 * Checks one package: its manifest, and the file list of its tarball.
 *
 * @param dir the package folder
 * @param tarballFiles the paths in the tarball, relative to its `package/` folder
 * @returns the problems found (empty when the package is fine)
 */
export function checkPackage(dir, tarballFiles) {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const { files, problems } = promisedFiles(pkg);
  for (const file of files) if (!tarballFiles.includes(file)) problems.push(`missing ${file}`);
  const unwanted = tarballFiles.filter((f) => /\.test\.|^src\//.test(f));
  if (unwanted.length) problems.push(`should not ship ${unwanted.join(", ")}`);
  if (!pkg.scripts?.prepack) {
    problems.push("no prepack script: packing would ship stale or no dist/");
  }
  try {
    const license = readFileSync(join(dir, "LICENSE"), "utf8");
    if (license !== readFileSync(join(ROOT, "LICENSE"), "utf8")) {
      problems.push("LICENSE differs from the repository's LICENSE");
    }
  } catch {
    // reported as missing above
  }
  for (const field of ["dependencies", "peerDependencies"]) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      if (name.startsWith("@mcpwire/") && /^\d/.test(range)) {
        problems.push(
          `${field} pins ${name} to exactly ${range}: use a range (^${range}) so an upgrade of ` +
            `${name} alone does not install a second copy`,
        );
      }
    }
  }
  return problems;
}

function main(dirs) {
  let failures = 0;
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  for (const dir of dirs) {
    const [pack] = JSON.parse(
      execFileSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], {
        cwd: dir,
        encoding: "utf8",
      }),
    );
    const files = pack.files.map((f) => f.path);
    const problems = checkPackage(dir, files);
    if (problems.length) failures++;
    console.log(
      `${problems.length ? "FAIL" : "ok  "} ${pack.name}@${pack.version} ` +
        `(${relative(process.cwd(), dir)}): ${files.length} files, ` +
        `${(pack.size / 1024).toFixed(1)} kB${problems.length ? `; ${problems.join("; ")}` : ""}`,
    );
    console.log("       " + files.join(" "));
  }
  process.exit(failures ? 1 : 0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2));
}
