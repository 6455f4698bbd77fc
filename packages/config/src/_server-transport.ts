/**
 * Builds the transport for one config entry: `@mcpwire/transport-stdio` for `command`,
 * `@mcpwire/transport-http` for `url`, each imported only when an entry needs it.
 *
 * @module
 */
import { MissingPackageError, type PassThroughOptions, type Transport } from "@mcpwire/core";
import type { RemoteServerConfig, ServerConfig, StdioServerConfig } from "./schema.ts";

/** How a server is reached. */
export type ServerKind = "stdio" | "http" | "sse";

/** Options read here, passed through from the client. */
export interface TransportOptions {
  /** Where stdio servers' stderr goes; a function also gets the server's name. */
  stderr?: "inherit" | "ignore" | { file: string } | ((line: string, server: string) => void);
  /** Pass the caller's whole environment to stdio servers. */
  inheritEnv?: boolean;
  /** Custom `fetch` for remote servers. */
  fetch?: unknown;
}

/** Whether an entry is a stdio server. */
export function isStdio(entry: ServerConfig): entry is StdioServerConfig {
  return typeof (entry as { command?: unknown }).command === "string";
}

/** How an entry is reached: `stdio`, or for a URL its `transport`/`type`, else `/sse` in the path. */
export function serverKind(entry: ServerConfig): ServerKind {
  if (isStdio(entry)) return "stdio";
  const declared = entry.transport ?? entry.type;
  if (declared === "sse") return "sse";
  if (declared === "http" || declared === "streamable-http") return "http";
  return /\/sse(\/|$)/.test(safePath(entry.url)) ? "sse" : "http";
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** Builds the transport of one server. */
export async function createServerTransport(
  name: string,
  entry: ServerConfig,
  options: TransportOptions,
): Promise<Transport> {
  return isStdio(entry)
    ? await stdioTransport(name, entry, options)
    : await remoteTransport(name, entry, options);
}

async function stdioTransport(
  name: string,
  entry: StdioServerConfig,
  options: TransportOptions,
): Promise<Transport> {
  const { StdioTransport } = await load(
    () => import("@mcpwire/transport-stdio"),
    "@mcpwire/transport-stdio",
    `server '${name}'`,
  );
  const { stderr } = options;
  return new StdioTransport({
    name,
    command: entry.command,
    ...(entry.args && { args: entry.args }),
    ...(entry.env && { env: entry.env }),
    ...(entry.cwd && { cwd: entry.cwd }),
    ...(entry.keepAlive !== undefined && { keepAlive: entry.keepAlive }),
    ...(options.inheritEnv !== undefined && { inheritEnv: options.inheritEnv }),
    ...(stderr !== undefined &&
      { stderr: typeof stderr === "function" ? (line: string) => stderr(line, name) : stderr }),
  });
}

async function remoteTransport(
  name: string,
  entry: RemoteServerConfig,
  options: TransportOptions,
): Promise<Transport> {
  const http = await load(
    () => import("@mcpwire/transport-http"),
    "@mcpwire/transport-http",
    `server '${name}'`,
  );
  type Ctor = new (url: URL, options: PassThroughOptions) => Transport;
  const { SseTransport, StreamableHttpTransport } = http as {
    SseTransport?: Ctor;
    StreamableHttpTransport?: Ctor;
  };
  const Transport = serverKind(entry) === "sse" ? SseTransport : StreamableHttpTransport;
  if (typeof Transport !== "function") {
    throw new MissingPackageError("@mcpwire/transport-http", `server '${name}' (${entry.url})`);
  }
  return new Transport(new URL(entry.url), {
    ...(entry.headers && { headers: entry.headers }),
    ...(entry.auth !== undefined && { auth: entry.auth }),
    ...(entry.timeout !== undefined && { timeout: entry.timeout }),
    ...(options.fetch !== undefined && { fetch: options.fetch }),
  });
}

// Each transport package once per process: a fresh import() per connection goes through the
// module loader (and any loader hooks) again on every connect.
const loaded = new Map<string, unknown>();

async function load<T>(
  importer: () => Promise<T>,
  packageName: string,
  forWhat: string,
): Promise<T> {
  if (loaded.has(packageName)) return loaded.get(packageName) as T;
  try {
    const mod = await importer();
    loaded.set(packageName, mod);
    return mod;
  } catch (cause) {
    throw new MissingPackageError(packageName, forWhat, { cause });
  }
}
