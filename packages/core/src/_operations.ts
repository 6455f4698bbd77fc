/**
 * The bodies of the `Client` methods for tool lists, resources, prompts, completion, logging and
 * roots: each runs one request over the client's connection. Every list is one entry of `LISTS`,
 * served by `listAll` (every page; none without the capability) and `listPage` (one page).
 */
import type * as mcp from "@modelcontextprotocol/client";
import type { Connection } from "./_connection.ts";
import type { Session } from "./_session.ts";
import { mapError } from "./_map-error.ts";
import type { RequestOptions, RootsOption } from "./types.ts";

/** One kind of list: its method, the server capability it needs, the member that holds items. */
export interface ListKind<T> {
  method: string;
  capability: "tools" | "resources" | "prompts";
  items: string;
  /** Told of every complete listing (the tool index). */
  listed?: ((session: Session, items: T[]) => void) | undefined;
}

function kind<T>(
  method: string,
  capability: ListKind<T>["capability"],
  items: string,
  listed?: (session: Session, items: T[]) => void,
): ListKind<T> {
  return { method, capability, items, listed };
}

/** The lists a `Client` offers, each as `listX()` (every page) and `listXRaw()` (one page). */
export const LISTS: {
  tools: ListKind<mcp.Tool>;
  resources: ListKind<mcp.Resource>;
  resourceTemplates: ListKind<mcp.ResourceTemplateType>;
  prompts: ListKind<mcp.Prompt>;
} = {
  // indexed for callTool's input check
  tools: kind("tools/list", "tools", "tools", (s, tools) => s.indexTools(tools)),
  resources: kind("resources/list", "resources", "resources"),
  resourceTemplates: kind("resources/templates/list", "resources", "resourceTemplates"),
  prompts: kind("prompts/list", "prompts", "prompts"),
};

/** The most pages one listing follows (as the SDK's `listMaxPages` was set). */
const MAX_PAGES = 250;

async function everyPage<T>(s: Session, kind: ListKind<T>, o: RequestOptions): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const params = cursor === undefined ? undefined : { cursor };
    const result = await s.request(kind.method, params, o);
    all.push(...result[kind.items] as T[]);
    cursor = result.nextCursor as string | undefined;
    if (cursor === undefined) break;
  }
  kind.listed?.(s, all);
  return all;
}

/** Every item of a list across all pages; none when the server lacks the capability. */
export async function listAll<T>(
  connection: Connection,
  kind: ListKind<T>,
  options: RequestOptions | undefined,
): Promise<T[]> {
  return await connection.run(kind.method, options, async (s, o) => {
    return s.result?.capabilities[kind.capability] ? await everyPage(s, kind, o) : [];
  });
}

/** One page of a list, as the server's whole result. */
export async function listPage<R>(
  connection: Connection,
  { method }: { method: string },
  cursor: string | undefined,
  options?: RequestOptions,
): Promise<R> {
  return await connection.run<unknown>(
    method,
    options,
    (s, o) => s.request(method, cursor === undefined ? undefined : { cursor }, o),
  ) as R;
}

/** Reads a resource. */
export async function readResource(
  c: Connection,
  uri: string | URL,
  options?: RequestOptions,
): Promise<mcp.ReadResourceResult> {
  const href = String(uri);
  return await c.run(
    `resources/read '${href}'`,
    options,
    async (s, o) => await s.request("resources/read", { uri: href }, o) as mcp.ReadResourceResult,
  );
}

/** Subscribes to a resource's updates, or (`subscribe: false`) stops them. */
export async function subscribeResource(
  c: Connection,
  uri: string | URL,
  subscribe: boolean,
  options?: RequestOptions,
): Promise<void> {
  const href = String(uri);
  const method = subscribe ? "resources/subscribe" : "resources/unsubscribe";
  await c.run(
    `${method} '${href}'`,
    options,
    (s, o) => s.request(method, { uri: href }, o),
  );
}

/** Renders a prompt; non-string argument values are sent as compact JSON. */
export async function getPrompt(
  c: Connection,
  name: string,
  args: Record<string, unknown>,
  options?: RequestOptions,
): Promise<mcp.GetPromptResult> {
  const strings: Record<string, string> = {};
  for (const [key, value] of Object.entries(args)) {
    if (value !== undefined) {
      strings[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return await c.run(
    `prompts/get '${name}'`,
    options,
    async (s, o) =>
      await s.request("prompts/get", { name, arguments: strings }, o) as mcp.GetPromptResult,
  );
}

/** Completion values for a prompt or resource-template argument, as the whole result. */
export async function complete(
  c: Connection,
  ref: mcp.PromptReference | mcp.ResourceTemplateReference,
  argument: { name: string; value: string },
  context: Record<string, string> | undefined,
  options?: RequestOptions,
): Promise<mcp.CompleteResult> {
  const params = { ref, argument, ...(context && { context: { arguments: context } }) };
  return await c.run(
    "completion/complete",
    options,
    async (s, o) => await s.request("completion/complete", params, o) as mcp.CompleteResult,
  );
}

/** Sets the minimum level of log messages the server sends. */
export async function setLoggingLevel(
  c: Connection,
  level: mcp.LoggingLevel,
  options?: RequestOptions,
): Promise<void> {
  await c.run("logging/setLevel", options, async (s, o) => {
    // on the modern era the level travels with every request instead (_log-level.ts)
    if (!s.useLogLevel(level)) await s.request("logging/setLevel", { level }, o);
  });
}

/** Replaces the roots and, when the server can be told, sends `roots/list_changed`. */
export async function setRoots(c: Connection, roots: RootsOption): Promise<void> {
  c.roots = roots;
  const session = c.ready();
  // without the declared capability the server cannot be told; on the modern era it asks anew
  if (!session?.capabilities.roots || session.era === "modern") return;
  try {
    await session.engine.notify("notifications/roots/list_changed");
  } catch (error) {
    throw mapError(error, { server: session.serverName, what: "notifications/roots/list_changed" });
  }
}
