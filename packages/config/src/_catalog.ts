/**
 * The merged listings of many servers, with FastMCP's prefixes, and the routes back from an
 * exposed name or URI to its server.
 *
 * @module
 */
import { McpError } from "@mcpwire/core";
import { UriTemplate } from "@modelcontextprotocol/client";
import { ConfigError } from "./config-error.ts";
import { MAX_NAME_LENGTH, prefixName, prefixUri, splitName, splitUri } from "./naming.ts";
import type { Listings, ListKind, ServerConnection } from "./_server-connection.ts";

/** How names are exposed. */
export interface Naming {
  prefix: boolean;
  separator: string;
  /** Listing failures throw instead of being skipped with a warning. */
  strict?: boolean;
}

/** A server and its own name (or URI) for an exposed one. */
export interface Route {
  server: string;
  name: string;
}

/** The `_meta` key naming the server an item or a forwarded request comes from. */
export const SERVER_META_KEY = "mcpwire/server";

const INVALID_PARAMS = -32602;
const WHAT = {
  tools: "tool",
  prompts: "prompt",
  resources: "resource",
  resourceTemplates: "template",
};

/** Merges listings and routes names back. */
export class Catalog {
  readonly #connections: Map<string, ServerConnection>;
  readonly #naming: Naming;
  readonly #warn: (message: string, error: Error) => void;
  readonly #settle: () => Promise<void>;
  readonly #routes = { tools: new Map<string, Route>(), prompts: new Map<string, Route>() };
  readonly #uriRoutes = new Map<string, Route>();
  #templates: { server: string; template: UriTemplate }[] = [];

  constructor(
    connections: Map<string, ServerConnection>,
    naming: Naming,
    warn: (message: string, error: Error) => void,
    settle: () => Promise<void>,
  ) {
    this.#connections = connections;
    this.#naming = naming;
    this.#warn = warn;
    this.#settle = settle;
  }

  /** The merged listing of `kind` over every connected server, with exposed names and URIs. */
  async list<K extends ListKind>(kind: K): Promise<Listings[K]> {
    const perServer = await Promise.all(
      this.#connected().map(async (c) => [c, await this.#fetch(c, kind)] as const),
    );
    const seen = new Map<string, string>();
    const merged: Listings[K][number][] = [];
    if (kind === "tools" || kind === "prompts") this.#routes[kind as "tools" | "prompts"].clear();
    for (const [connection, items] of perServer) {
      for (const item of items) {
        const exposed = this.#expose(kind, connection.name, item);
        const key = exposedKey(kind, exposed);
        const other = seen.get(key);
        if (other !== undefined) {
          throw collision(WHAT[kind], key, other, connection.name, this.#naming);
        }
        seen.set(key, connection.name);
        merged.push(exposed);
      }
    }
    return merged as Listings[K];
  }

  /**
   * The server and own name of an exposed tool or prompt name: from its prefix when it has one
   * (no waiting on other servers), else from the merged listing.
   */
  async route(kind: "tools" | "prompts", exposed: string): Promise<Route> {
    const routes = this.#routes[kind];
    const guessed = routes.get(exposed) ?? this.#guess(exposed);
    if (guessed) {
      this.#checkAllowed(kind, guessed);
      return guessed;
    }
    await this.#settle();
    await this.list(kind);
    const listed = routes.get(exposed);
    if (listed) return listed;
    throw this.#unknown(WHAT[kind], exposed);
  }

  /** The server and own URI of an exposed resource or template URI. */
  async routeUri(exposed: string): Promise<Route> {
    const found = this.#findUri(exposed);
    if (found) return found;
    await this.#settle();
    await Promise.all([this.list("resources"), this.list("resourceTemplates")]);
    const listed = this.#findUri(exposed);
    if (listed) return listed;
    throw this.#unknown("resource", exposed);
  }

  /** Prefixes URIs in content blocks (resource links, embedded resources) from `server`. */
  exposeUri(server: string, uri: string): string {
    return this.#naming.prefix ? prefixUri(server, uri) : uri;
  }

  #connected(): ServerConnection[] {
    return [...this.#connections.values()].filter((c) => c.state === "connected");
  }

  async #fetch<K extends ListKind>(connection: ServerConnection, kind: K): Promise<Listings[K]> {
    const cached = connection.cache[kind];
    if (cached) return cached;
    try {
      const client = await connection.ready();
      const items = kind === "tools"
        ? filterTools(await client.listTools(), connection)
        : kind === "prompts"
        ? await client.listPrompts()
        : kind === "resources"
        ? await client.listResources()
        : await client.listResourceTemplates();
      if (connection.client === client) connection.cache[kind] = items as Listings[K];
      return items as Listings[K];
    } catch (error) {
      if (this.#naming.strict) throw error;
      this.#warn(`server '${connection.name}': listing ${kind} failed; skipped`, error as Error);
      return [] as unknown as Listings[K];
    }
  }

  #expose<K extends ListKind>(
    kind: K,
    server: string,
    item: Listings[K][number],
  ): Listings[K][number] {
    const meta = { ...item._meta, [SERVER_META_KEY]: server };
    if (kind === "tools" || kind === "prompts") {
      const own = (item as { name: string }).name;
      const name = this.#naming.prefix ? prefixName(server, own, this.#naming.separator) : own;
      this.#routes[kind as "tools" | "prompts"].set(name, { server, name: own });
      return { ...item, name, _meta: meta };
    }
    if (kind === "resources") {
      const own = (item as { uri: string }).uri;
      const uri = this.exposeUri(server, own);
      this.#uriRoutes.set(uri, { server, name: own });
      return { ...item, uri, _meta: meta };
    }
    const own = (item as { uriTemplate: string }).uriTemplate;
    const uriTemplate = this.exposeUri(server, own);
    this.#templates = this.#templates.filter((t) => t.template.toString() !== uriTemplate);
    this.#templates.push({ server, template: new UriTemplate(uriTemplate) });
    return { ...item, uriTemplate, _meta: meta };
  }

  #guess(exposed: string): Route | undefined {
    // A name at the length limit may end in a hash: only the listing knows its server.
    if (!this.#naming.prefix || exposed.length >= MAX_NAME_LENGTH) return undefined;
    const split = splitName(exposed, this.#connections.keys(), this.#naming.separator);
    return split && { server: split.server, name: split.name };
  }

  #findUri(exposed: string): Route | undefined {
    const listed = this.#uriRoutes.get(exposed);
    if (listed) return listed;
    if (this.#naming.prefix) {
      const split = splitUri(exposed, this.#connections.keys());
      if (split) return { server: split.server, name: split.uri };
      return undefined;
    }
    const match = this.#templates.find((t) => t.template.match(exposed) !== null);
    return match && { server: match.server, name: exposed };
  }

  #checkAllowed(kind: "tools" | "prompts", route: Route): void {
    const connection = this.#connections.get(route.server);
    if (kind === "tools" && connection && !toolAllowed(route.name, connection)) {
      throw new McpError(
        INVALID_PARAMS,
        `tool '${route.name}' of server '${route.server}' is hidden by its includeTools/excludeTools`,
      );
    }
  }

  #unknown(what: string, exposed: string): McpError {
    const servers = [...this.#connections.keys()].map((name) => {
      const state = this.#connections.get(name)?.state;
      return state === "connected" ? name : `${name} (${state})`;
    });
    if (!this.#naming.prefix) {
      // Names are the servers' own (one server, or prefixes off): none of them lists this one.
      return new McpError(
        INVALID_PARAMS,
        `unknown ${what} '${exposed}': no server lists it (servers: ${servers.join(", ")})`,
      );
    }
    const how = what === "resource"
      ? ` (expected scheme://<server>/…)`
      : ` (expected <server>${this.#naming.separator}<name>)`;
    return new McpError(
      INVALID_PARAMS,
      `unknown ${what} '${exposed}'${how}; known servers: ${servers.join(", ")}`,
    );
  }
}

function exposedKey(kind: ListKind, item: object): string {
  const record = item as { name?: string; uri?: string; uriTemplate?: string };
  return (kind === "resources"
    ? record.uri
    : kind === "resourceTemplates"
    ? record.uriTemplate
    : record.name) ?? "";
}

function collision(
  what: string,
  name: string,
  first: string,
  second: string,
  naming: Naming,
): ConfigError {
  const fix = naming.prefix ? "rename one of the servers" : "remove `prefix: false` or rename one";
  return new ConfigError(
    `${what} '${name}' is provided by both '${first}' and '${second}'; ${fix}`,
  );
}

function filterTools<T extends { name: string }>(tools: T[], connection: ServerConnection): T[] {
  return tools.filter((tool) => toolAllowed(tool.name, connection));
}

function toolAllowed(name: string, connection: ServerConnection): boolean {
  const { includeTools, excludeTools } = connection.entry;
  if (includeTools && !includeTools.includes(name)) return false;
  return !excludeTools?.includes(name);
}
