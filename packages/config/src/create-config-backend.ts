import type { BackendHooks, ClientBackend, ClientOptions } from "@mcpwire/core";
import { parseConfig } from "./parse-config.ts";
import { ServerRouter } from "./_router.ts";
import type { RouterOptions } from "./_types.ts";

/**
 * Builds the router core's `new Client(config)` runs on (the contract of `ConfigPackage` in
 * `@mcpwire/core`): one core `Client` per server, each connecting on its own. Tools and prompts
 * are exposed as `server_name` and resources as `scheme://server/path` when the config has
 * several servers (one server is served unprefixed, FastMCP's rule); every call goes straight to
 * its server's `Client`, so its errors are that server's own, typed and naming it.
 *
 * @param config a config in any accepted shape (parsed with {@linkcode parseConfig})
 * @param options the client's options: `timeout`, `protocol`, `roots`, `samplingHandler`,
 * `elicitationHandler`, `progressHandler`, `name`/`version` go to every server's `Client` (only
 * the handlers given become capabilities); read here: `prefix`, `separator`, `strict`,
 * `connectTimeout` (else `initTimeout`, else `timeout`, else 30 000 ms), `serverWait` (3 000 ms),
 * `inputs`, `variables`, `stderr`, `inheritEnv`, `fetch`, `onWarning`, `createTransport`
 * @param hooks where the router sends the servers' notifications
 * @returns the router
 * @throws {ConfigError} for a malformed config
 * @throws {TypeError} for an option of the wrong type
 * @example
 * ```ts ignore
 * import { Client } from "@mcpwire/core";
 * // core imports @mcpwire/config and calls createConfigBackend() for you:
 * await using client = new Client({ mcpServers: { a: { command: "a-server" }, b: { url: "https://b/mcp" } } });
 * console.log(await client.listTools()); // a_…, b_…
 * console.log(client.servers.a.state); // "connected"
 * ```
 */
export function createConfigBackend(
  config: object,
  options: ClientOptions = {},
  hooks: BackendHooks = { notification: () => {} },
): ClientBackend {
  const own = readOptions(options);
  // core's `onWarning` takes the error alone; the router tells it each server's own error
  const { onWarning } = options;
  if (onWarning) own.onWarning = (_message, error) => onWarning(error);
  return createRouter(config, options, own, hooks);
}

/** The router, typed as itself (for `MultiServerClient`). */
export function createRouter(
  config: object,
  client: ClientOptions,
  options: RouterOptions,
  hooks: BackendHooks,
): ServerRouter {
  return new ServerRouter(parseConfig(config), client, options, hooks);
}

/** Options handed on to the router as they are. */
const PASSED_ON = [
  "prefix",
  "separator",
  "strict",
  "connectTimeout",
  "serverWait",
  "inputs",
  "variables",
  "onWarning",
  "stderr",
  "inheritEnv",
  "fetch",
  "createTransport",
] as const;

/** Checks and picks the options the router reads. */
export function readOptions(options: object): RouterOptions {
  const o = options as Record<string, unknown>;
  check(o.prefix === undefined || typeof o.prefix === "boolean", "prefix", "a boolean");
  check(o.separator === undefined || typeof o.separator === "string", "separator", "a string");
  check(o.strict === undefined || typeof o.strict === "boolean", "strict", "a boolean");
  check(o.inputs === undefined || typeof o.inputs === "function", "inputs", "a function");
  check(o.onWarning === undefined || typeof o.onWarning === "function", "onWarning", "a function");
  for (const key of ["connectTimeout", "serverWait"]) {
    const value = o[key];
    check(
      value === undefined || (typeof value === "number" && value >= 0),
      key,
      "a number of milliseconds",
    );
  }
  const picked: Record<string, unknown> = {};
  for (const key of PASSED_ON) if (o[key] !== undefined) picked[key] = o[key];
  return picked as RouterOptions;
}

function check(ok: boolean, name: string, expected: string): void {
  if (!ok) throw new TypeError(`option \`${name}\` must be ${expected}`);
}
