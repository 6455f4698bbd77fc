import { ConfigError } from "./config-error.ts";
import { formatPath } from "./_validate.ts";
import type { InputDefinition, McpConfig, ServerConfig } from "./schema.ts";

/** What the `inputs` callback is asked for, on `${input:id}`. */
export interface InputRequest {
  /** The input's id. */
  id: string;
  /** The server whose entry needs it (the first one, when several do). */
  server: string;
  /** The matching VS Code input definition, if the config has one. */
  definition?: InputDefinition;
}

/** Options of {@linkcode resolveConfig} and {@linkcode interpolate}. */
export interface InterpolateOptions {
  /** Environment variables; defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Answers `${input:id}`; each id is asked for once. Without it, `${input:…}` is an error. */
  inputs?: (input: InputRequest) => string | Promise<string>;
  /** Extra named variables, looked up before the environment (such as `workspaceFolder`). */
  variables?: Readonly<Record<string, string>>;
}

/** Options plus what {@linkcode resolveConfig} shares between the servers of one config. */
type Scoped = InterpolateOptions & {
  definitions?: InputDefinition[];
  cache?: Map<string, Promise<string>>;
};

/** The fields whose strings are interpolated. */
const FIELDS = ["command", "args", "env", "cwd", "url", "headers"] as const;
const PLACEHOLDER = /\$\$\{|\$\{([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Replaces `${VAR}`, `${VAR:-default}`, `${env:VAR}` and `${input:id}` in one string. `$${` is a
 * literal `${`.
 *
 * @param text the string with placeholders
 * @param where the server name and JSON path, named in errors
 * @param options where values come from
 * @returns the string with every placeholder replaced
 * @throws {ConfigError} when a variable is not set and has no default, or an input has no callback
 * @example
 * ```ts
 * import { interpolate } from "@mcpwire/config";
 * const url = await interpolate("https://${HOST:-localhost}/mcp", { server: "docs" }, { env: {} });
 * console.log(url); // https://localhost/mcp
 * ```
 */
export async function interpolate(
  text: string,
  where: { server: string; path?: string },
  options: InterpolateOptions = {},
): Promise<string> {
  // One placeholder at a time, so an interactive `inputs` callback is never asked twice at once.
  let out = "";
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const body = match[1];
    out += text.slice(last, match.index);
    out += body === undefined ? "${" : await resolvePlaceholder(match[0], body, where, options);
    last = match.index + match[0].length;
  }
  return out + text.slice(last);
}

async function resolvePlaceholder(
  match: string,
  body: string,
  where: { server: string; path?: string },
  options: Scoped,
): Promise<string> {
  const location = { path: where.path };
  if (body.startsWith("input:")) return await askInput(body.slice(6), where, options);
  const [rawName = "", fallback] = splitDefault(body);
  const name = rawName.startsWith("env:") ? rawName.slice(4) : rawName;
  if (!NAME.test(name)) {
    throw new ConfigError(`server '${where.server}': invalid placeholder ${match}`, location);
  }
  const env = options.env ?? defaultEnv();
  const value = (rawName.startsWith("env:") ? undefined : options.variables?.[name]) ?? env[name];
  if (value !== undefined && (value !== "" || fallback === undefined)) return value;
  if (fallback !== undefined) return fallback;
  throw new ConfigError(
    `server '${where.server}': environment variable ${name} is not set and ${match} has no default ` +
      `(write \${${name}:-default} to give one)`,
    location,
  );
}

function splitDefault(body: string): [string, string | undefined] {
  const at = body.indexOf(":-");
  return at === -1
    ? [body] as [string] & [string, undefined]
    : [body.slice(0, at), body.slice(at + 2)];
}

function askInput(
  id: string,
  where: { server: string; path?: string },
  options: Scoped,
): Promise<string> {
  const { inputs } = options;
  if (!inputs) {
    return Promise.reject(
      new ConfigError(
        `server '${where.server}' needs input '${id}' (\${input:${id}}) but no inputs callback was ` +
          `given: pass { inputs: ({ id }) => … }`,
        { path: where.path },
      ),
    );
  }
  const cache = options.cache ?? new Map<string, Promise<string>>();
  let pending = cache.get(id);
  if (!pending) {
    const definition = options.definitions?.find((d) => d.id === id);
    const request: InputRequest = definition
      ? { id, server: where.server, definition }
      : { id, server: where.server };
    pending = Promise.resolve(inputs(request)).then((value) => {
      if (typeof value !== "string") {
        throw new ConfigError(`server '${where.server}': input '${id}' must be a string`, {
          path: where.path,
        });
      }
      return value;
    });
    cache.set(id, pending);
  }
  return pending;
}

function defaultEnv(): Readonly<Record<string, string | undefined>> {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env ?? {};
}

/**
 * Resolves every placeholder in the `command`, `args`, `env`, `cwd`, `url` and `headers` of each
 * enabled server. Each `${input:id}` is asked for once, even when several servers use it.
 *
 * @param config a config in canonical shape, from {@linkcode parseConfig} or {@linkcode loadConfig}
 * @param options environment, `inputs` callback and extra variables
 * @returns a copy of the config with the placeholders replaced
 * @throws {ConfigError} naming the variable, the server and the JSON path
 * @example
 * ```ts
 * import { parseConfig, resolveConfig } from "@mcpwire/config";
 * const config = parseConfig({ mcpServers: { a: { command: "node", args: ["${ENTRY:-server.js}"] } } });
 * const resolved = await resolveConfig(config, { env: {} });
 * console.log(resolved.mcpServers.a); // { command: "node", args: ["server.js"] }
 * ```
 */
export async function resolveConfig(
  config: McpConfig,
  options: InterpolateOptions = {},
): Promise<McpConfig> {
  const scoped: Scoped = { ...options, definitions: config.inputs ?? [], cache: new Map() };
  const entries: [string, ServerConfig][] = [];
  for (const [name, entry] of Object.entries(config.mcpServers)) {
    entries.push([name, entry.disabled ? entry : await resolveEntry(name, entry, scoped)]);
  }
  return { ...config, mcpServers: Object.fromEntries(entries) };
}

async function resolveEntry(
  server: string,
  entry: ServerConfig,
  options: Scoped,
): Promise<ServerConfig> {
  const out: Record<string, unknown> = { ...entry };
  for (const field of FIELDS) {
    const value = entry[field];
    if (value === undefined) continue;
    out[field] = await resolveValue(value, [field], server, options);
  }
  return out as ServerConfig;
}

async function resolveValue(
  value: unknown,
  path: (string | number)[],
  server: string,
  options: Scoped,
): Promise<unknown> {
  if (typeof value === "string") {
    return await interpolate(
      value,
      { server, path: formatPath(["mcpServers", server, ...path]) },
      options,
    );
  }
  if (Array.isArray(value)) {
    const items = [];
    for (const [i, item] of value.entries()) {
      items.push(await resolveValue(item, [...path, i], server, options));
    }
    return items;
  }
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = await resolveValue(item, [...path, key], server, options);
    }
    return out;
  }
  return value;
}
