// Turns what `createRestApp` was given into upstreams: one client per server of a config, or one
// client for any other source.

type Json = Record<string, unknown>;

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

/** A server name usable in routes, from a server's own name. */
export function routeName(name: unknown): string {
  const clean = String(name ?? "").replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[-.]+|-+$/g, "")
    .slice(0, 64);
  return clean || "server";
}
