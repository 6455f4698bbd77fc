// MCPWIRE_BEFORE=<git ref>: measure mcpwire as of that commit beside the current sources, in the
// same run, as the contender "mcpwire (before)". The ref's packages/core (and transport-stdio, for
// the cold-start bundle) are extracted with `git archive` into a temporary directory beside a
// `node_modules` link to the repository's, so npm dependencies resolve as the current sources' do
// (not under node_modules itself: Node and Deno refuse to strip types there).
// In-process contenders pair the old core with the current transports (unchanged by #19's core side);
// the HTTP scenario also runs the old transport-http's transport under the SDK Client, and the REST
// scenario the old packages/bindings-rest (which imports today's core and config by package name).
import { execSync } from "node:child_process";
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
  if (!existsSync(join(dir, "packages/bindings-rest/src/cli.ts"))) {
    mkdirSync(dir, { recursive: true });
    if (!existsSync(join(dir, "node_modules"))) {
      symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    }
    execSync(
      `git archive ${sha} ${BEFORE_PACKAGES.map((p) => `packages/${p}`).join(" ")} | tar -x -C ${
        JSON.stringify(dir)
      }`,
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

/** The old transport-http's `StreamableHttpTransport` (with the current core); undefined without a ref. */
// deno-lint-ignore no-explicit-any -- an older copy of the transport class, typed loosely
export async function beforeHttpTransport(): Promise<any> {
  const dir = beforeDir();
  if (!dir) return undefined;
  const mod = join(dir, "packages/transport-http/src/mod.ts");
  return (await import(pathToFileURL(mod).href)).StreamableHttpTransport;
}
