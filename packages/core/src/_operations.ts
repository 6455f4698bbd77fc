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

type Lister<T> = (session: Session, options: RequestOptions) => Promise<T[]>;

/** One kind of list: its method, the server capability it needs, how the SDK lists every page. */
export interface ListKind<T> {
  method: string;
  capability: "tools" | "resources" | "prompts";
  list: Lister<T>;
}

function kind<T>(
  method: string,
  capability: ListKind<T>["capability"],
  list: Lister<T>,
): ListKind<T> {
  return { method, capability, list };
}

/** The lists a `Client` offers, each as `listX()` (every page) and `listXRaw()` (one page). */
export const LISTS: {
  tools: ListKind<mcp.Tool>;
  resources: ListKind<mcp.Resource>;
  resourceTemplates: ListKind<mcp.ResourceTemplateType>;
  prompts: ListKind<mcp.Prompt>;
} = {
  tools: kind("tools/list", "tools", async (s, o) => {
    const { tools } = await s.sdk.listTools(undefined, o);
    // indexed for callTool's input check
    s.indexTools(tools);
    return tools;
  }),
  resources: kind("resources/list", "resources", async (s, o) => {
    return (await s.sdk.listResources(undefined, o)).resources;
  }),
  resourceTemplates: kind("resources/templates/list", "resources", async (s, o) => {
    return (await s.sdk.listResourceTemplates(undefined, o)).resourceTemplates;
  }),
  prompts: kind("prompts/list", "prompts", async (s, o) => {
    return (await s.sdk.listPrompts(undefined, o)).prompts;
  }),
};

/** Every item of a list across all pages; none when the server lacks the capability. */
export async function listAll<T>(
  connection: Connection,
  { method, capability, list }: ListKind<T>,
  options: RequestOptions | undefined,
): Promise<T[]> {
  return await connection.run(method, options, async (s, o) => {
    return s.result?.capabilities[capability] ? await list(s, o) : [];
  });
}

/** One page of a list, as the server's whole result. */
export async function listPage<R>(
  connection: Connection,
  { method }: ListKind<unknown>,
  cursor: string | undefined,
  options?: RequestOptions,
): Promise<R> {
  return await connection.run<unknown>(
    method,
    options,
    (s, o) =>
      s.sdk.request({ method, ...(cursor !== undefined && { params: { cursor } }) } as never, o),
  ) as R;
}

/** Reads a resource, bypassing the SDK's cache. */
export async function readResource(
  c: Connection,
  uri: string | URL,
  options?: RequestOptions,
): Promise<mcp.ReadResourceResult> {
  const href = String(uri);
  return await c.run(
    `resources/read '${href}'`,
    options,
    (s, o) => s.sdk.readResource({ uri: href }, { ...o, cacheMode: "bypass" }),
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
    (s, o) =>
      subscribe
        ? s.sdk.subscribeResource({ uri: href }, o)
        : s.sdk.unsubscribeResource({ uri: href }, o),
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
    (s, o) => s.sdk.getPrompt({ name, arguments: strings }, o),
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
  return await c.run("completion/complete", options, (s, o) => s.sdk.complete(params, o));
}

/** Sets the minimum level of log messages the server sends. */
export async function setLoggingLevel(
  c: Connection,
  level: mcp.LoggingLevel,
  options?: RequestOptions,
): Promise<void> {
  await c.run("logging/setLevel", options, async (s, o) => {
    // on the modern era the level travels with every request instead (_log-level.ts)
    if (!s.useLogLevel(level)) await s.sdk.setLoggingLevel(level, o);
  });
}

/** Replaces the roots and, when the server can be told, sends `roots/list_changed`. */
export async function setRoots(c: Connection, roots: RootsOption): Promise<void> {
  c.roots = roots;
  const session = c.ready();
  // without the declared capability the server cannot be told; on the modern era it asks anew
  if (!session?.capabilities.roots || session.sdk.getProtocolEra() === "modern") return;
  try {
    await session.sdk.sendRootsListChanged();
  } catch (error) {
    throw mapError(error, { server: session.serverName, what: "notifications/roots/list_changed" });
  }
}
