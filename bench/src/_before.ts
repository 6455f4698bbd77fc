// MCPWIRE_BEFORE=<git ref>: measure mcpwire as of that commit beside the current sources, in the
// same run, as the contender "mcpwire (before)". The ref's packages/core (and transport-stdio, for
// the cold-start bundle) are extracted with `git archive` into a temporary directory beside a
// `node_modules` link to the repository's, so npm dependencies resolve as the current sources' do
// (not under node_modules itself: Node and Deno refuse to strip types there). Deno reads the old
// packages' package.json `imports` there, so they get a `deno` condition pointing at the sources.
// bench/src/_before.test.ts loads HEAD's tree this way on each runtime.
// In-process contenders pair the old core with the current transports (unchanged by #19's core side);
// the stdio whole-client scenario runs the old core over the old StdioTransport (beforeStdio); the
// HTTP scenario also runs the old transport-http's transport under the SDK Client, and the REST
// scenario the old packages/bindings-rest (which imports today's core and config by package name).
// When today's `@mcpwire/core` resolves to its built `dist` (run without the source condition),
// the old tree's core and transport-stdio are built with tsc and loaded from their `dist` too, so
// both sides run what npm ships.
import { execFileSync, execSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The ref to compare with, if any. */
export const BEFORE_REF: string | undefined = process.env.MCPWIRE_BEFORE || undefined;

/** The packages extracted from the ref. */
const BEFORE_PACKAGES = ["core", "transport-stdio", "transport-http", "bindings-rest"];

/** The name of the old contender in tables. */
export const BEFORE_NAME = "mcpwire (before)";

/**
 * The directory holding the ref's packages, extracted on first use under `parent` (a test passes
 * its own); undefined without a ref.
 */
export function beforeDir(
  ref: string | undefined = BEFORE_REF,
  parent: string = tmpdir(),
): string | undefined {
  if (!ref) return undefined;
  const sha = execSync(`git rev-parse --short ${ref}`, { cwd: ROOT }).toString().trim();
  const dir = join(parent, `mcpwire-before-${sha}`);
  if (!existsSync(join(dir, "tsconfig.base.json"))) extract(sha, dir);
  return dir;
}

/**
 * Extracts `sha`'s packages into `dir`, whole or not at all: into a directory of its own first,
 * then renamed into place, so another run extracting the same ref at once (three runtimes' tests,
 * two benchmarks) never reads a half-written tree; the one that renames second keeps the first's.
 */
function extract(sha: string, dir: string): void {
  const staging = mkdtempSync(`${dir}.partial-`);
  try {
    symlinkSync(join(ROOT, "node_modules"), join(staging, "node_modules"));
    execSync(
      `git archive ${sha} tsconfig.base.json ${
        BEFORE_PACKAGES.map((p) => `packages/${p}`).join(" ")
      } | tar -x -C ${JSON.stringify(staging)}`,
      { cwd: ROOT },
    );
    sourceImportsForDeno(staging);
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another run put its copy there first (rename onto a non-empty directory fails).
    if (!existsSync(join(dir, "tsconfig.base.json"))) {
      throw new Error(`could not extract ${sha} into ${dir}: ${(error as Error).message}`);
    }
  }
}

/**
 * Deno reads the old packages' package.json `imports` (core's `#load-optional`) without the
 * `@mcpwire/source` condition, so it picked `default` (a `dist/` that is not there): their
 * deno.json files, which map them to the sources in the repository, count only as members of the
 * repository's workspace. Adds a `deno` condition with the source target to each such entry.
 */
function sourceImportsForDeno(dir: string): void {
  for (const pkg of BEFORE_PACKAGES) {
    const file = join(dir, "packages", pkg, "package.json");
    if (!existsSync(file)) continue;
    const json = JSON.parse(readFileSync(file, "utf8"));
    const imports: Record<string, string | Record<string, string>> = json.imports ?? {};
    let changed = false;
    for (const [name, target] of Object.entries(imports)) {
      if (typeof target === "string" || "deno" in target) continue;
      const source = target["@mcpwire/source"];
      if (!source) continue;
      imports[name] = { "@mcpwire/source": source, deno: source, ...target };
      changed = true;
    }
    if (changed) writeFileSync(file, JSON.stringify(json, null, 2) + "\n");
  }
}

/** The old core's `Client`, loaded from its sources; undefined without a ref. */
// deno-lint-ignore no-explicit-any -- an older copy of the Client class, typed loosely
export async function beforeClient(ref: string | undefined = BEFORE_REF): Promise<any> {
  const dir = beforeDir(ref);
  if (!dir) return undefined;
  return (await import(pathToFileURL(join(dir, "packages/core/src/mod.ts")).href)).Client;
}

/** Whether today's `@mcpwire/core` resolves to its built `dist` (no source condition). */
export function runsDist(): boolean {
  return import.meta.resolve("@mcpwire/core").includes("/dist/");
}

/** An older copy of a class (or a module's export), typed loosely. */
// deno-lint-ignore no-explicit-any -- its shape is whatever the old ref exported
type Old = any;

/**
 * The old core's `Client` and the old transport-stdio's `StdioTransport`, from the sources, or
 * from `dist` (built here when missing) when today's core runs from `dist`; undefined without a ref.
 */
export async function beforeStdio(
  ref: string | undefined = BEFORE_REF,
  parent?: string,
): Promise<{ Client: Old; StdioTransport: Old } | undefined> {
  const dir = beforeDir(ref, parent);
  if (!dir) return undefined;
  const dist = runsDist();
  const entry = (pkg: string) => {
    const root = join(dir, "packages", pkg);
    if (!dist) return join(root, "src/mod.ts");
    if (!existsSync(join(root, "dist/mod.js"))) {
      try {
        execFileSync(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: root, stdio: "pipe" });
      } catch {
        // type errors against today's packages still emit; a missing dist/mod.js fails the import
      }
    }
    return join(root, "dist/mod.js");
  };
  const core = await import(pathToFileURL(entry("core")).href);
  const stdio = await import(pathToFileURL(entry("transport-stdio")).href);
  return { Client: core.Client, StdioTransport: stdio.StdioTransport };
}

const TSC = join(ROOT, "node_modules/typescript/bin/tsc");

/** The old transport-http's `StreamableHttpTransport` (with the current core); undefined without a ref. */
export async function beforeHttpTransport(
  ref: string | undefined = BEFORE_REF,
  parent?: string,
): Promise<Old> {
  const dir = beforeDir(ref, parent);
  if (!dir) return undefined;
  const mod = join(dir, "packages/transport-http/src/mod.ts");
  return (await import(pathToFileURL(mod).href)).StreamableHttpTransport;
}
