// Turns what `createRestApp` was given into upstreams: one client per server of a config, or one
// client for any other source. Config shapes are parsed by @mcpwire/config, their one owner.
import { isConfigShape, parseConfig } from "@mcpwire/config";

type Json = Record<string, unknown>;

function isPlainObject(v: unknown): v is Json {
  if (typeof v !== "object" || v === null || Array.isArray(v) || v instanceof URL) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** One server of a config: its name, a one-server config for it, and what `/v1/servers` may show. */
export interface ConfigServer {
  name: string;
  config: Json;
  transport: string;
  required: boolean;
  secrets: string[];
}

/**
 * Splits a config (any shape `@mcpwire/config` parses) into one config per enabled server, or
 * `undefined` when the source is not a config.
 *
 * @throws {ConfigError} for a malformed config, naming the JSON path
 */
export function splitConfig(source: unknown): ConfigServer[] | undefined {
  if (!isPlainObject(source) || !isConfigShape(source)) return undefined;
  const { mcpServers, inputs } = parseConfig(source);
  const values = (v: unknown) =>
    isPlainObject(v) ? Object.values(v).filter((x): x is string => typeof x === "string") : [];
  return Object.entries(mcpServers)
    .filter(([, entry]) => entry.disabled !== true)
    .map(([name, entry]) => {
      const e = entry as Json;
      return {
        name,
        config: { mcpServers: { [name]: entry }, ...(inputs && { inputs }) },
        transport: typeof e.command === "string" ? "stdio" : "http",
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
