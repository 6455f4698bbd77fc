/**
 * {@linkcode createFileTransport}: a server file, launched with the interpreter its extension
 * calls for. This is what `new Client("server.py")` uses.
 *
 * @module
 */
import { statSync } from "node:fs";
import { dirname, extname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import process from "node:process";
import { ConnectionError, type PassThroughOptions, UnsupportedSourceError } from "@mcpwire/core";
import { findOnPath, javaScriptLauncher, type Launcher, typeScriptLauncher } from "./_runtime.ts";
import { readTransportOptions } from "./_options.ts";
import { StdioTransport, type StdioTransportOptions } from "./stdio-transport.ts";

/** Options for a server file: everything {@linkcode StdioTransport} takes except the command. */
export interface FileTransportOptions extends Omit<StdioTransportOptions, "command"> {
  /**
   * The interpreter to run the file with, as a command or a command and its leading arguments,
   * such as `"python3.12"` or `["uv", "run", "python"]`. Default: by extension.
   */
  interpreter?: string | readonly string[];
}

const HERE = dirname(fileURLToPath(import.meta.url));
const PYTHON = [".py"];
const JAVASCRIPT = [".js", ".mjs", ".cjs"];
const TYPESCRIPT = [".ts", ".mts"];

/**
 * Works out the command that runs a server file: `.py` with `python3`; `.js`, `.mjs`, `.cjs` with
 * the runtime running the caller; `.ts`, `.mts` with Deno or Bun when they run the caller, and on
 * Node with its type stripping, tsx, or an installed deno or bun.
 *
 * @param path the server file
 * @param interpreter an explicit interpreter, overriding the inference
 * @returns the command and the arguments, ending with the file's absolute path
 * @throws {UnsupportedSourceError} when the file does not exist or has an unknown extension
 * @throws {ConnectionError} when no installed interpreter can run it
 * @example
 * ```ts
 * import { commandForFile } from "@mcpwire/transport-stdio";
 * try {
 *   console.log(commandForFile("server.py")); // { command: "python3", args: ["/…/server.py"] }
 * } catch (err) {
 *   console.log((err as Error).message); // server.py does not exist here
 * }
 * ```
 */
export function commandForFile(
  path: string,
  interpreter?: string | readonly string[],
): { command: string; args: string[] } {
  const file = resolve(path);
  if (!isFile(file)) throw new UnsupportedSourceError(`server file not found: ${file}`);
  const launcher = interpreter === undefined ? inferLauncher(file) : fromInterpreter(interpreter);
  return { command: launcher.command, args: [...launcher.args, file] };
}

/**
 * Builds a {@linkcode StdioTransport} for a server file; the factory `@mcpwire/core` calls for
 * `new Client("server.py")`. Options are checked here, since core passes them through unread.
 *
 * @param path an existing `.py`, `.js`, `.mjs`, `.cjs`, `.ts` or `.mts` file
 * @param options transport options and `interpreter`
 * @returns a transport, not yet started
 * @throws {UnsupportedSourceError} when the file does not exist or has an unknown extension
 * @throws {ConnectionError} when no installed interpreter can run it
 * @throws {TypeError} when an option has the wrong type
 * @example
 * ```ts
 * import { createFileTransport } from "@mcpwire/transport-stdio";
 * try {
 *   const transport = createFileTransport("server.py", { env: { API_KEY: "…" } });
 *   console.log(transport.commandLine);
 * } catch (err) {
 *   console.log((err as Error).message);
 * }
 * ```
 */
export function createFileTransport(
  path: string,
  options: PassThroughOptions | FileTransportOptions = {},
): StdioTransport {
  const o = readTransportOptions(options);
  const base = commandForFile(path, o.interpreter);
  // Only this package's keys: core passes every client option through.
  return new StdioTransport({
    command: base.command,
    args: [...base.args, ...(o.args ?? [])],
    env: o.env,
    inheritEnv: o.inheritEnv,
    cwd: o.cwd,
    keepAlive: o.keepAlive,
    stderr: o.stderr,
    maxMessageBytes: o.maxMessageBytes,
    shutdownGraceMs: o.shutdownGraceMs,
  });
}

function inferLauncher(file: string): Launcher {
  const ext = extname(file).toLowerCase();
  if (PYTHON.includes(ext)) {
    const python = process.platform === "win32" ? "python" : "python3";
    if (!findOnPath(python)) {
      throw new ConnectionError(`cannot run ${file}: ${python} is not installed (not on PATH)`);
    }
    return { command: python, args: [] };
  }
  if (JAVASCRIPT.includes(ext)) return javaScriptLauncher();
  if (TYPESCRIPT.includes(ext)) {
    const launcher = typeScriptLauncher([dirname(file), process.cwd(), HERE]);
    if (launcher) return launcher;
    throw new ConnectionError(
      `cannot run ${file}: this Node cannot run TypeScript and neither tsx, deno nor bun is installed`,
    );
  }
  throw new UnsupportedSourceError(
    `cannot launch ${file}: unsupported extension '${ext}' (expected .py, .js, .mjs, .cjs, .ts or .mts)`,
  );
}

function fromInterpreter(interpreter: string | readonly string[]): Launcher {
  const [command, ...args] = typeof interpreter === "string" ? [interpreter] : interpreter;
  if (!command) throw new TypeError("`interpreter` must name a command");
  return { command, args };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
