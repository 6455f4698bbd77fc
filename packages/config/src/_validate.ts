/**
 * Brings any accepted config shape to `{ mcpServers, inputs }` and validates it, with errors that
 * name the JSON path (and the file position when known).
 *
 * @module
 */
import type { z } from "zod";
import { ConfigError } from "./config-error.ts";
import { pathKey, type Position } from "./_jsonc.ts";
import {
  inputDefinitionSchema,
  type McpConfig,
  remoteServerSchema,
  type ServerConfig,
  stdioServerSchema,
} from "./schema.ts";

/** Where the value came from, for error messages. */
export interface Origin {
  file?: string;
  positions?: Map<string, Position>;
}

type Path = (string | number)[];
interface Issue {
  path: Path;
  message: string;
}

/** Validates a config in any accepted shape and returns it in canonical shape. */
export function validateConfig(value: unknown, origin: Origin = {}): McpConfig {
  if (!isObject(value)) {
    throw issueError([{ path: [], message: expectation(value, "object") }], origin);
  }
  const [serversPath, servers] = locateServers(value, origin);
  const issues: Issue[] = [];
  const mcpServers: Record<string, ServerConfig> = {};
  for (const [name, entry] of Object.entries(servers)) {
    const parsed = validateEntry(entry, [...serversPath, name], issues);
    if (parsed) mcpServers[name] = parsed;
  }
  const { mcpServers: _m, servers: _s, inputs: rawInputs, ...rest } = value;
  const config: McpConfig = serversPath.length === 0 ? { mcpServers } : { ...rest, mcpServers };
  if (rawInputs !== undefined && serversPath.length > 0) {
    if (!Array.isArray(rawInputs)) {
      issues.push({ path: ["inputs"], message: expectation(rawInputs, "array") });
    } else {config.inputs = rawInputs.map((input, i) =>
        check(inputDefinitionSchema, input, ["inputs", i], issues)
      );}
  }
  if (issues.length > 0) throw issueError(issues, origin);
  return config;
}

function locateServers(
  value: Record<string, unknown>,
  origin: Origin,
): [Path, Record<string, unknown>] {
  for (const key of ["mcpServers", "servers"]) {
    if (!(key in value)) continue;
    const servers = value[key];
    if (!isObject(servers)) {
      throw issueError([{ path: [key], message: expectation(servers, "object") }], origin);
    }
    return [[key], servers];
  }
  if (looksLikeConfig(value)) return [[], value];
  const message = 'expected "mcpServers" (Claude Desktop, Cursor), "servers" (VS Code), ' +
    'or a map of servers that have "command" or "url"';
  throw issueError([{ path: [], message }], origin);
}

/**
 * Whether a value has a config's shape: `mcpServers` or `servers` (VS Code) holding an object, or
 * a non-empty map whose every value is an entry with `command` or `url`. Core's `new Client()`
 * recognises configs by the same rule, then hands them here.
 */
export function looksLikeConfig(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (isObject(value.mcpServers) || isObject(value.servers)) return true;
  const entries = Object.values(value);
  return entries.length > 0 &&
    entries.every((entry) => isObject(entry) && ("command" in entry || "url" in entry));
}

function validateEntry(entry: unknown, path: Path, issues: Issue[]): ServerConfig | undefined {
  if (!isObject(entry)) {
    issues.push({ path, message: expectation(entry, "object") });
    return undefined;
  }
  const { keep_alive: keepAliveSnake, ...rest } = entry;
  const normalized = keepAliveSnake !== undefined && rest.keepAlive === undefined
    ? { ...rest, keepAlive: keepAliveSnake }
    : rest;
  const hasCommand = "command" in entry;
  const hasUrl = "url" in entry;
  if (hasCommand && hasUrl) {
    issues.push({ path, message: 'expected either "command" (stdio) or "url" (remote), not both' });
    return undefined;
  }
  const remoteType = entry.type === "http" || entry.type === "sse" ||
    entry.type === "streamable-http";
  if (hasUrl || (!hasCommand && remoteType)) {
    return check(remoteServerSchema, normalized, path, issues);
  }
  if (hasCommand || entry.type === "stdio") {
    return check(stdioServerSchema, normalized, path, issues);
  }
  issues.push({ path, message: 'expected "command" (a stdio server) or "url" (a remote server)' });
  return undefined;
}

function check<T>(schema: z.ZodType<T>, value: unknown, path: Path, issues: Issue[]): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const issuePath = [...path, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
    issues.push({ path: issuePath, message: describeIssue(issue, at(value, issue.path)) });
  }
  return undefined as T;
}

function describeIssue(issue: z.core.$ZodIssue, actual: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      return expectation(actual, issue.expected);
    case "too_small":
      return issue.origin === "string"
        ? "expected a non-empty string"
        : `expected a number above ${issue.minimum}`;
    case "invalid_value":
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}` +
        (actual === undefined ? "" : `, got ${JSON.stringify(actual)}`);
    case "invalid_union":
      return "expected a string or an object";
    default:
      return issue.message;
  }
}

const ARTICLES: Record<string, string> = {
  object: "an object",
  array: "an array",
  string: "a string",
};

function expectation(actual: unknown, expected: string): string {
  const wanted = ARTICLES[expected] ?? `a ${expected}`;
  return actual === undefined ? `expected ${wanted}` : `expected ${wanted}, got ${kindOf(actual)}`;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  const type = typeof value;
  return type === "object" ? "an object" : `a ${type} (${JSON.stringify(value)})`;
}

function at(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    current = isObject(current) || Array.isArray(current)
      ? (current as Record<PropertyKey, unknown>)[key]
      : undefined;
  }
  return current;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Formats a JSON path as `mcpServers.weather.args[0]`, quoting keys that need it. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (/^[^.[\]"\s]+$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out || "(root)";
}

function issueError(issues: Issue[], origin: Origin): ConfigError {
  const [first, ...others] = issues as [Issue, ...Issue[]];
  const position = findPosition(first.path, origin.positions);
  const more = others.map((issue) => `; ${formatPath(issue.path)}: ${issue.message}`).join("");
  return new ConfigError(first.message + more, {
    file: origin.file,
    ...position,
    path: formatPath(first.path),
  });
}

function findPosition(path: Path, positions: Map<string, Position> | undefined): Partial<Position> {
  if (!positions) return {};
  // A missing key has no position of its own: point at the nearest enclosing value.
  for (let end = path.length; end >= 0; end--) {
    const position = positions.get(pathKey(path.slice(0, end)));
    if (position) return position;
  }
  return {};
}
