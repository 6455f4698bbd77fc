// Turns what `createRestApp` was given into upstreams: one client per server of a config, or one
// client for any other source. Core's Client is imported when first connected.
import type {
  CallOptions,
  InitializeInfo,
  JsonObject,
  ToolCallResult,
  UpstreamClient,
} from "./upstream-client.ts";
import type { UpstreamLog } from "./upstreams.ts";

type Json = Record<string, unknown>;
type ClientCtor = new (source: unknown, options?: Json) => UpstreamClient;

function isPlainObject(v: unknown): v is Json {
  if (typeof v !== "object" || v === null || Array.isArray(v) || v instanceof URL) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function isEntry(v: unknown): v is Json {
  return isPlainObject(v) && (typeof v.command === "string" || typeof v.url === "string");
}

/** One server of a config: its name, a one-server config for it, and what `/v1/servers` may show. */
export interface ConfigServer {
  name: string;
  config: Json;
  transport: string;
  required: boolean;
  secrets: string[];
}

/** Splits an `mcpServers` (or VS Code `servers`, or bare map) config into one config per server. */
export function splitConfig(source: unknown): ConfigServer[] | undefined {
  if (!isPlainObject(source)) return undefined;
  let map: Json | undefined;
  let wrap: (name: string, entry: unknown) => Json;
  if (isPlainObject(source.mcpServers)) {
    map = source.mcpServers;
    wrap = (name, entry) => ({ mcpServers: { [name]: entry } });
  } else if (isPlainObject(source.servers)) {
    map = source.servers;
    wrap = (name, entry) => ({
      servers: { [name]: entry },
      ...(source.inputs ? { inputs: source.inputs } : {}),
    });
  } else if (Object.keys(source).length > 0 && Object.values(source).every(isEntry)) {
    map = source;
    wrap = (name, entry) => ({ mcpServers: { [name]: entry } });
  } else {
    return undefined;
  }
  return Object.entries(map)
    .filter(([, entry]) => !(isPlainObject(entry) && entry.disabled === true))
    .map(([name, entry]) => {
      const e = isPlainObject(entry) ? entry : {};
      const values = (v: unknown) =>
        isPlainObject(v) ? Object.values(v).filter((x): x is string => typeof x === "string") : [];
      return {
        name,
        config: wrap(name, entry),
        transport: typeof e.command === "string"
          ? "stdio"
          : typeof e.url === "string"
          ? "http"
          : "unknown",
        required: e.required === true,
        secrets: [...values(e.env), ...values(e.headers)],
      };
    });
}

/**
 * A core `Client` built on first `connect()`, so the app can be created synchronously and core is
 * loaded only when a server is used.
 */
export class LazyCoreClient implements UpstreamClient {
  #source: unknown;
  #options: Json;
  #client: UpstreamClient | undefined;

  constructor(source: unknown, options: Json, onLog: (log: UpstreamLog) => void) {
    this.#source = source;
    this.#options = {
      ...options,
      logHandler: (m: Json) => onLog({ level: m.level, logger: m.logger, data: m.data }),
    };
  }

  get initializeResult(): InitializeInfo | undefined {
    return this.#client?.initializeResult;
  }

  async connect(): Promise<unknown> {
    if (!this.#client) {
      const core = await import("@mcpwire/core") as unknown as { Client?: ClientCtor };
      if (typeof core.Client !== "function") throw new Error("@mcpwire/core has no Client yet");
      this.#client = new core.Client(this.#source, this.#options);
    }
    return await this.#client.connect();
  }

  #inner(): UpstreamClient {
    if (!this.#client) throw new Error("not connected");
    return this.#client;
  }

  close(): Promise<unknown> {
    return this.#client?.close() ?? Promise.resolve();
  }
  listTools(): Promise<unknown> {
    return this.#inner().listTools();
  }
  callTool(name: string, args: JsonObject, options: CallOptions): Promise<ToolCallResult> {
    return this.#inner().callTool(name, args, options);
  }
  listResources(): Promise<unknown> {
    return this.#inner().listResources();
  }
  listResourceTemplates(): Promise<unknown> {
    return this.#inner().listResourceTemplates();
  }
  readResource(uri: string): Promise<unknown> {
    return this.#inner().readResource(uri);
  }
  listPrompts(): Promise<unknown> {
    return this.#inner().listPrompts();
  }
  getPrompt(name: string, args: JsonObject): Promise<unknown> {
    return this.#inner().getPrompt(name, args);
  }
  complete(ref: JsonObject, argument: JsonObject, context?: JsonObject): Promise<unknown> {
    return this.#inner().complete(ref, argument, context);
  }
}

/** A server name usable in routes, from a server's own name. */
export function routeName(name: unknown): string {
  const clean = String(name ?? "").replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[-.]+|-+$/g, "")
    .slice(0, 64);
  return clean || "server";
}
