#!/usr/bin/env node
// deno-lint-ignore-file explicit-module-boundary-types -- plain JS scripts, typed by JSDoc
// Fails when a package's package.json and deno.json (its JSR manifest) disagree on name or version,
// or when a published package has no JSR manifest version at all.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { versionConstant } from "./version-constant.mjs";

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

/**
 * @param {string} root the repository root
 * @returns {string[]} one line per problem; empty when every package agrees
 */
export function findVersionMismatches(root) {
  const problems = [];
  for (const group of ["packages", "apps"]) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir)) {
      const dir = join(groupDir, name);
      if (!statSync(dir).isDirectory() || !existsSync(join(dir, "package.json"))) continue;
      const where = relative(root, dir);
      const npm = readJson(join(dir, "package.json"));
      const denoPath = join(dir, "deno.json");
      const deno = existsSync(denoPath) ? readJson(denoPath) : undefined;
      if (npm.private && deno?.version === undefined) continue;
      if (!deno) problems.push(`${where}: published package has no deno.json`);
      else if (deno.version !== npm.version) {
        problems.push(
          `${where}: package.json version ${npm.version} != deno.json version ${deno.version}`,
        );
      } else if (deno.name !== npm.name) {
        problems.push(`${where}: package.json name ${npm.name} != deno.json name ${deno.name}`);
      }
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(import.meta.dirname, "..");
  const problems = findVersionMismatches(root);
  const constant = versionConstant(root);
  if (!constant.current) {
    problems.push(`${constant.path} is stale: run node scripts/version-constant.mjs`);
  }
  for (const line of problems) console.error(line);
  if (problems.length) process.exit(1);
  console.log("versions: every package.json matches its deno.json; CORE_VERSION is current");
}
