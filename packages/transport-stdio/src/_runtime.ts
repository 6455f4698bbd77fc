/**
 * What runs the caller, and which other runtimes and tools are installed.
 *
 * @module
 */
import { accessSync, constants, statSync } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, join } from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";

/** The JavaScript runtime running this code. */
export type Runtime = "node" | "deno" | "bun";

/** Detects the runtime running the caller. */
export function currentRuntime(): Runtime {
  if ("Deno" in globalThis) return "deno";
  if ("Bun" in globalThis) return "bun";
  return "node";
}

/** A command and the arguments that come before the script. */
export interface Launcher {
  command: string;
  args: string[];
}

/** How the current runtime runs a JavaScript file. */
export function javaScriptLauncher(): Launcher {
  const runtime = currentRuntime();
  return { command: process.execPath, args: runtime === "deno" ? ["run", "-A"] : [] };
}

/**
 * How to run a TypeScript file from here: Deno and Bun run it themselves; Node strips types when
 * it can, or uses tsx when it is installed; otherwise an installed deno or bun does it.
 *
 * @param near directories from which to look for tsx
 * @returns the launcher, or undefined when nothing here can run TypeScript
 */
export function typeScriptLauncher(near: readonly string[]): Launcher | undefined {
  const runtime = currentRuntime();
  if (runtime !== "node") return javaScriptLauncher();
  const features = process.features as { typescript?: unknown };
  if (features.typescript) return { command: process.execPath, args: [] };
  const tsx = resolveFrom(near, "tsx");
  if (tsx) return { command: process.execPath, args: ["--import", pathToFileURL(tsx).href] };
  if (findOnPath("deno")) return { command: "deno", args: ["run", "-A"] };
  if (findOnPath("bun")) return { command: "bun", args: [] };
  if (findOnPath("tsx")) return { command: "tsx", args: [] };
  return undefined;
}

function resolveFrom(dirs: readonly string[], specifier: string): string | undefined {
  for (const dir of dirs) {
    try {
      return createRequire(join(dir, "noop.js")).resolve(specifier);
    } catch {
      // Not installed there.
    }
  }
  return undefined;
}

/** The full path of `name` on the caller's `PATH`, if it is there and executable. */
export function findOnPath(name: string): string | undefined {
  if (name.includes("/") || name.includes("\\")) return isExecutable(name) ? name : undefined;
  const exts = process.platform === "win32"
    ? (process.env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";")
    : [""];
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
