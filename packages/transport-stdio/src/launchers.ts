/**
 * Launcher helpers for servers published as packages or scripts: {@linkcode npx}, {@linkcode uvx},
 * {@linkcode deno} and {@linkcode bun}. Each returns a {@linkcode StdioTransport}.
 *
 * @module
 */
import { currentRuntime } from "./_runtime.ts";
import process from "node:process";
import { StdioTransport, type StdioTransportOptions } from "./stdio-transport.ts";

/** Options of a launcher: the transport's options without `command` and `args`. */
export type LauncherOptions = Omit<StdioTransportOptions, "command" | "args">;

/**
 * Runs an npm package's server with `npx -y`; the whole process group is stopped on close.
 *
 * @param pkg the package, optionally with a version (`@modelcontextprotocol/server-memory@1`)
 * @param args the server's arguments
 * @param options transport options
 * @returns a transport, not yet started
 * @example
 * ```ts
 * import { npx } from "@mcpwire/transport-stdio";
 * const transport = npx("@modelcontextprotocol/server-filesystem", ["/tmp"]);
 * console.log(transport.commandLine); // npx -y @modelcontextprotocol/server-filesystem /tmp
 * ```
 */
export function npx(
  pkg: string,
  args: readonly string[] = [],
  options: LauncherOptions = {},
): StdioTransport {
  return new StdioTransport({ ...options, command: "npx", args: ["-y", pkg, ...args] });
}

/**
 * Runs a Python package's server with `uvx`.
 *
 * @param pkg the package (`mcp-server-time`, `mcp-server-fetch==2025.1.1`)
 * @param args the server's arguments
 * @param options transport options
 * @returns a transport, not yet started
 * @example
 * ```ts
 * import { uvx } from "@mcpwire/transport-stdio";
 * const transport = uvx("mcp-server-time", ["--local-timezone", "UTC"]);
 * console.log(transport.commandLine);
 * ```
 */
export function uvx(
  pkg: string,
  args: readonly string[] = [],
  options: LauncherOptions = {},
): StdioTransport {
  return new StdioTransport({ ...options, command: "uvx", args: [pkg, ...args] });
}

/**
 * Runs a module with `deno run -A` (the running Deno when the caller runs on Deno).
 *
 * @param specifier a path, `npm:` or URL specifier
 * @param args the server's arguments
 * @param options transport options; `permissions` replaces `-A` (e.g. `["--allow-read"]`)
 * @returns a transport, not yet started
 * @example
 * ```ts
 * import { deno } from "@mcpwire/transport-stdio";
 * const transport = deno("npm:@modelcontextprotocol/server-memory");
 * console.log(transport.commandLine);
 * ```
 */
export function deno(
  specifier: string,
  args: readonly string[] = [],
  options: LauncherOptions & { permissions?: readonly string[] } = {},
): StdioTransport {
  const { permissions = ["-A"], ...rest } = options;
  const command = currentRuntime() === "deno" ? process.execPath : "deno";
  return new StdioTransport({
    ...rest,
    command,
    args: ["run", ...permissions, specifier, ...args],
  });
}

/**
 * Runs a file or package binary with Bun (the running Bun when the caller runs on Bun).
 *
 * @param file a `.ts`/`.js` file, or a package to run with `bun x`
 * @param args the server's arguments
 * @param options transport options
 * @returns a transport, not yet started
 * @example
 * ```ts
 * import { bun } from "@mcpwire/transport-stdio";
 * const transport = bun("server.ts", ["--verbose"]);
 * console.log(transport.commandLine);
 * ```
 */
export function bun(
  file: string,
  args: readonly string[] = [],
  options: LauncherOptions = {},
): StdioTransport {
  const command = currentRuntime() === "bun" ? process.execPath : "bun";
  return new StdioTransport({ ...options, command, args: [file, ...args] });
}
