/**
 * FastMCP's prefix rules for many servers behind one client, plus a length limit.
 *
 * @module
 */

/** The longest tool or prompt name exposed; LLM providers reject longer ones. */
export const MAX_NAME_LENGTH = 64;

/** The separator between server and tool or prompt name, unless configured otherwise. */
export const DEFAULT_SEPARATOR = "_";

/**
 * Prefixes a tool or prompt name with its server: `weather` + `get_forecast` gives
 * `weather_get_forecast`. A result longer than {@linkcode MAX_NAME_LENGTH} keeps its start and ends
 * with `_` and a hash of the whole name, so it is stable across runs and still unique.
 *
 * @param server the server's name in the config
 * @param name the tool or prompt name on that server
 * @param separator what goes between them
 * @returns the exposed name
 * @example
 * ```ts
 * import { prefixName } from "@mcpwire/config";
 * console.log(prefixName("weather", "get_forecast")); // weather_get_forecast
 * console.log(prefixName("a".repeat(40), "b".repeat(40)).length); // 64
 * ```
 */
export function prefixName(
  server: string,
  name: string,
  separator: string = DEFAULT_SEPARATOR,
): string {
  return shortenName(`${server}${separator}${name}`);
}

/**
 * Shortens a name to {@linkcode MAX_NAME_LENGTH} characters with a stable hash suffix.
 *
 * @param name any name
 * @param max the longest allowed result
 * @returns `name` itself when short enough, otherwise its start, `_` and 8 hex digits
 * @example
 * ```ts
 * import { shortenName } from "@mcpwire/config";
 * console.log(shortenName("x".repeat(70))); // "xxx…x_" + 8 hex digits, 64 characters
 * ```
 */
export function shortenName(name: string, max: number = MAX_NAME_LENGTH): string {
  if (name.length <= max) return name;
  const suffix = `_${fnv1a(name)}`;
  return name.slice(0, max - suffix.length) + suffix;
}

/**
 * Puts the server's name after the scheme of a resource or template URI:
 * `weather://icons/sunny` on `weather` gives `weather://weather/icons/sunny`. URIs without `://`
 * (`urn:…`) are returned as they are.
 *
 * @param server the server's name in the config
 * @param uri the URI or URI template on that server
 * @returns the exposed URI
 * @example
 * ```ts
 * import { prefixUri } from "@mcpwire/config";
 * console.log(prefixUri("weather", "weather://icons/sunny")); // weather://weather/icons/sunny
 * console.log(prefixUri("docs", "file:///etc/hosts")); // file://docs//etc/hosts
 * ```
 */
export function prefixUri(server: string, uri: string): string {
  const at = uri.indexOf("://");
  return at === -1 ? uri : `${uri.slice(0, at + 3)}${server}/${uri.slice(at + 3)}`;
}

/**
 * Finds which server a prefixed name belongs to: the longest server name followed by the
 * separator.
 *
 * @param name the exposed name
 * @param servers the server names
 * @param separator the separator in use
 * @returns the server and its own name, or `undefined` when no server matches
 * @example
 * ```ts
 * import { splitName } from "@mcpwire/config";
 * console.log(splitName("weather_get_forecast", ["weather", "docs"])); // { server: "weather", name: "get_forecast" }
 * ```
 */
export function splitName(
  name: string,
  servers: Iterable<string>,
  separator: string = DEFAULT_SEPARATOR,
): { server: string; name: string } | undefined {
  let best: string | undefined;
  for (const server of servers) {
    if (
      name.startsWith(server + separator) && (best === undefined || server.length > best.length)
    ) {
      best = server;
    }
  }
  return best === undefined
    ? undefined
    : { server: best, name: name.slice(best.length + separator.length) };
}

/**
 * Finds which server a prefixed URI belongs to and gives back the server's own URI.
 *
 * @param uri the exposed URI
 * @param servers the server names
 * @returns the server and its own URI, or `undefined` when no server matches
 * @example
 * ```ts
 * import { splitUri } from "@mcpwire/config";
 * console.log(splitUri("weather://weather/icons/sunny", ["weather"])); // { server: "weather", uri: "weather://icons/sunny" }
 * ```
 */
export function splitUri(
  uri: string,
  servers: Iterable<string>,
): { server: string; uri: string } | undefined {
  const at = uri.indexOf("://");
  if (at === -1) return undefined;
  const rest = uri.slice(at + 3);
  let best: string | undefined;
  for (const server of servers) {
    if (rest.startsWith(`${server}/`) && (best === undefined || server.length > best.length)) {
      best = server;
    }
  }
  if (best === undefined) return undefined;
  return { server: best, uri: uri.slice(0, at + 3) + rest.slice(best.length + 1) };
}

/** FNV-1a, 32 bits, as 8 hex digits: small, fast and the same on every runtime. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}
