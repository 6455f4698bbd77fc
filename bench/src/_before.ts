// MCPWIRE_BEFORE=<git ref>: measure mcpwire as of that commit beside the current sources, in the
// same run, as the contender "mcpwire (before)". The ref's packages/core (and transport-stdio, for
// the cold-start bundle) are extracted with `git archive` into a temporary directory beside a
// `node_modules` link to the repository's, so npm dependencies resolve as the current sources' do
// (not under node_modules itself: Node and Deno refuse to strip types there).
// In-process contenders pair the old core with the current transports (unchanged by #19's core side);
// the stdio whole-client scenario runs the old core over the old StdioTransport (beforeStdio); the
// HTTP scenario also runs the old transport-http's transport under the SDK Client, and the REST
// scenario the old packages/bindings-rest (which imports today's core and config by package name).
// When today's `@mcpwire/core` resolves to its built `dist` (run without the source condition),
// the old tree's core and transport-stdio are built with tsc and loaded from their `dist` too, so
// both sides run what npm ships.
import { execFileSync, execSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
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

/** The directory holding the ref's packages (extracted on first use); undefined without a ref. */
export function beforeDir(): string | undefined {
  if (!BEFORE_REF) return undefined;
  const sha = execSync(`git rev-parse --short ${BEFORE_REF}`, { cwd: ROOT }).toString().trim();
  const dir = join(tmpdir(), `mcpwire-before-${sha}`);
  if (!existsSync(join(dir, "tsconfig.base.json"))) {
    mkdirSync(dir, { recursive: true });
    if (!existsSync(join(dir, "node_modules"))) {
      symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    }
    execSync(
      `git archive ${sha} tsconfig.base.json ${
        BEFORE_PACKAGES.map((p) => `packages/${p}`).join(" ")
      } | tar -x -C ${JSON.stringify(dir)}`,
      { cwd: ROOT },
    );
  }
  return dir;
}

/** The old core's `Client`, loaded from its sources; undefined without a ref. */
// deno-lint-ignore no-explicit-any -- an older copy of the Client class, typed loosely
export async function beforeClient(): Promise<any> {
  const dir = beforeDir();
  if (!dir) return undefined;
  return (await import(pathToFileURL(join(dir, "packages/core/src/mod.ts")).href)).Client;
}

/** Whether today's `@mcpwire/core` resolves to its built `dist` (no source condition). */
export function runsDist(): boolean {
  return import.meta.resolve("@mcpwire/core").includes("/dist/");
}

/**
 * The old core's `Client` and the old transport-stdio's `StdioTransport`, from the sources, or
 * from `dist` (built here when missing) when today's core runs from `dist`; undefined without a ref.
 */
// deno-lint-ignore no-explicit-any -- older copies of the classes, typed loosely
export async function beforeStdio(): Promise<{ Client: any; StdioTransport: any } | undefined> {
  const dir = beforeDir();
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
// deno-lint-ignore no-explicit-any -- an older copy of the transport class, typed loosely
export async function beforeHttpTransport(): Promise<any> {
  const dir = beforeDir();
  if (!dir) return undefined;
  const mod = join(dir, "packages/transport-http/src/mod.ts");
  return (await import(pathToFileURL(mod).href)).StreamableHttpTransport;
}
