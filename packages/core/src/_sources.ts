/**
 * Turns what was given to `new Client()` into a transport, loading the package that builds it
 * only when that kind of source is used (see `transport.ts` for the contract).
 */
import { ConnectionError, MissingPackageError, UnsupportedSourceError } from "./errors.ts";
import type {
  ConfigPackage,
  HttpPackage,
  KeepAliveTransport,
  PassThroughOptions,
  StdioPackage,
  Transport,
} from "./transport.ts";
import { isObject } from "./_is-object.ts";
import { loadOptional } from "#load-optional";

/** Anything with `connect(transport)`: an SDK v2 or v1 `McpServer` or low-level `Server`. */
export interface ServerLike {
  /** Attaches the server to a transport. */
  connect(transport: never): Promise<void>;
}

/** What `new Client()` accepts. */
export type Source =
  | ServerLike
  | Transport
  | string
  | URL
  | { mcpServers: object }
  | { servers: object }
  | object;

/** The kinds of source, in the order they are recognised. */
export type SourceKind = "transport" | "server" | "url" | "file" | "config";

const FILE_EXTENSIONS = [".py", ".js", ".mjs", ".cjs", ".ts", ".mts"];

/**
 * Loads an optional package; replaceable so tests can simulate a missing one. `#load-optional` is
 * `_load-optional.ts` (the registry, then an import by name) everywhere but in the JSR package,
 * where it is `_load-optional-jsr.ts` (the registry only; see scripts/jsr-publish.mjs): JSR then
 * sees no import it cannot analyse and no cycle between packages.
 */
export const packageLoader: { load: (name: string) => Promise<unknown> } = {
  load: loadOptional,
};

/**
 * Decides what kind of source this is.
 *
 * @throws {UnsupportedSourceError} when it is none of the supported kinds
 */
export function classifySource(source: unknown): SourceKind {
  if (isObject(source) && typeof source.start === "function" && typeof source.send === "function") {
    return "transport";
  }
  if (isObject(source) && typeof source.connect === "function") return "server";
  if (source instanceof URL) {
    if (source.protocol === "http:" || source.protocol === "https:") return "url";
    throw new UnsupportedSourceError(
      `cannot connect to ${quote(source)}: only http(s) URLs are supported`,
    );
  }
  if (typeof source === "string") {
    if (/^https?:\/\//i.test(source)) return "url";
    if (FILE_EXTENSIONS.some((ext) => source.toLowerCase().endsWith(ext))) return "file";
    throw new UnsupportedSourceError(
      `cannot connect to ${quote(source)}: a string source must be an http(s):// URL or a path ` +
        `to a ${FILE_EXTENSIONS.join(", ")} file`,
    );
  }
  if (isObject(source) && isConfig(source)) return "config";
  throw new UnsupportedSourceError(
    `cannot connect to ${quote(source)}: expected an MCP server object, a transport, an ` +
      `http(s):// URL, a path to a server file, or a config ({ mcpServers } or { servers })`,
  );
}

/** A short name for the source, used in messages until the server names itself in its handshake. */
export function describeSource(source: unknown): string {
  switch (classifySource(source)) {
    case "server":
      // named after its handshake (Connection keeps the name); no public getter says it before
      return "in-memory server";
    case "transport": {
      // mcpwire's transports say what they run (`commandLine`) or reach (`url`).
      const { commandLine, url } = source as { commandLine?: unknown; url?: unknown };
      if (typeof commandLine === "string") return commandLine;
      if (typeof url === "string") return url;
      return `${(source as object).constructor?.name ?? "custom"} transport`;
    }
    case "config":
      return `config (${Object.keys(configServers(source as Record<string, unknown>)).join(", ")})`;
    default:
      return String(source);
  }
}

/** A transport built for one connection. */
export interface BuiltTransport {
  transport: KeepAliveTransport;
  /** Closes anything else the connection opened (the in-memory server side). */
  cleanup?: () => Promise<void>;
}

/**
 * Builds a fresh transport for the source (a transport given as the source is returned as is).
 *
 * @throws {MissingPackageError} when the package this source needs is not installed
 */
export async function createTransport(
  source: Source,
  options: PassThroughOptions,
): Promise<BuiltTransport> {
  switch (classifySource(source)) {
    case "transport":
      return { transport: source as KeepAliveTransport };
    case "server":
      return await connectServer(source as ServerLike);
    case "url": {
      const pkg = await loadPackage<HttpPackage>(
        "@mcpwire/transport-http",
        "createUrlTransport",
        source,
      );
      const url = new URL(String(source));
      return { transport: pkg.createUrlTransport(url, withoutRequestTimeout(options)) };
    }
    case "file": {
      const pkg = await loadPackage<StdioPackage>(
        "@mcpwire/transport-stdio",
        "createFileTransport",
        source,
      );
      return { transport: pkg.createFileTransport(source as string, options) };
    }
    case "config":
      throw new TypeError("a config source is served by @mcpwire/config's router, not a transport");
  }
}

/**
 * Loads `@mcpwire/config`, which serves config sources (see `ConfigPackage` in `transport.ts`).
 *
 * @throws {MissingPackageError} when it is not installed
 */
export function loadConfigPackage(source: unknown): Promise<ConfigPackage> {
  return loadPackage<ConfigPackage>("@mcpwire/config", "createConfigBackend", source);
}

/**
 * The options for an HTTP transport. `timeout` is the client's per-request timeout, which core
 * applies to each request itself; passed on, the transport would make it a deadline for every
 * response's headers, cutting a longer per-call `timeout` short when the server answers in JSON.
 */
function withoutRequestTimeout(options: PassThroughOptions): PassThroughOptions {
  if (!("timeout" in options)) return options;
  const { timeout: _request, ...rest } = options;
  return rest;
}

async function connectServer(server: ServerLike): Promise<BuiltTransport> {
  // an in-memory server already loaded the SDK; the client's copy is loaded for its transport only
  const { InMemoryTransport } = await import("@modelcontextprotocol/client");
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  try {
    await server.connect(serverSide as never);
  } catch (error) {
    throw new ConnectionError(
      `could not connect to ${describeSource(server)} in memory: ${(error as Error)?.message}`,
      { cause: error },
    );
  }
  return { transport: clientSide, cleanup: () => serverSide.close() };
}

/**
 * Imports an optional mcpwire package through `packageLoader` (no build-time dependency).
 *
 * @throws {MissingPackageError} when it is not installed
 */
export async function loadPackage<T>(name: string, member: string, forWhat: unknown): Promise<T> {
  let mod: unknown;
  try {
    mod = await packageLoader.load(name);
  } catch (error) {
    if (isModuleNotFound(error, name)) {
      throw new MissingPackageError(name, quote(forWhat), { cause: error });
    }
    throw error;
  }
  if (!isObject(mod) || typeof mod[member] !== "function") {
    throw new TypeError(
      `${name} does not export ${member}(); install a version that matches @mcpwire/core`,
    );
  }
  return mod as T;
}

function isModuleNotFound(error: unknown, name: string): boolean {
  const code = (error as { code?: unknown })?.code;
  const message = String((error as Error)?.message ?? error);
  if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") return message.includes(name);
  return message.includes(name) &&
    /cannot find|not found|could not resolve|not a dependency|unable to|failed to resolve/i.test(
      message,
    );
}

/**
 * Whether a value looks like a config: `{ mcpServers: {…} }`, VS Code's `{ servers: {…} }`, or a
 * map of entries that each have `command` or `url`. Only recognition: `@mcpwire/config` parses it.
 */
function isConfig(value: Record<string, unknown>): boolean {
  if (isObject(value.mcpServers) || isObject(value.servers)) return true;
  const entries = Object.values(value);
  return entries.length > 0 &&
    entries.every((entry) => isObject(entry) && ("command" in entry || "url" in entry));
}

function configServers(value: Record<string, unknown>): object {
  if (isObject(value.mcpServers)) return value.mcpServers;
  return isObject(value.servers) ? value.servers : value;
}

function quote(value: unknown): string {
  if (typeof value === "string") return `'${value}'`;
  if (value instanceof URL) return `'${value.href}'`;
  if (typeof value === "object" && value !== null) {
    let text: string;
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  }
  return String(value);
}
