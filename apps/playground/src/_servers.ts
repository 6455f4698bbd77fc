// The servers of a playground: the demo server plus every server of a config, each with a core
// Client whose sampling and elicitation requests are answered by a person in the page.
import { type Upstream, Upstreams } from "@mcpwire/bindings-rest";
import { Client, type ClientOptions, type Source, type TrafficEntry } from "@mcpwire/core";
import { AUTHORIZE_MS, type PlaygroundOAuth } from "./_oauth.ts";
import type { ServerRegistry } from "./_connection-routes.ts";
import type { Hub } from "./_hub.ts";
import type { Traffic } from "./_traffic.ts";
import { createDemoServer, type DemoServerOptions } from "./demo-server.ts";

/** One server to add: its name, source and how it is reached. */
export interface ServerEntry {
  name: string;
  source: Source;
  transport: string;
  secrets?: string[];
}

function handlers(
  hub: Hub,
  server: () => string,
  holder: { u?: Upstream },
  traffic?: Traffic,
): ClientOptions {
  const wire = traffic
    ? {
      trafficHandler: (e: TrafficEntry) =>
        void traffic.add(server(), e.direction === "send" ? "out" : "in", e.message),
    }
    : {};
  return {
    ...wire,
    // Every server sees a roots capability (empty until the page sets roots), as in an inspector.
    roots: [],
    // A stdio server's stderr goes to the page's log, not to the playground's terminal.
    stderr: (line: string) => hub.emit("log", { server: server(), level: "stderr", data: line }),
    logHandler: (log) => {
      holder.u?.emitLog(log);
      hub.emit("log", { server: server(), ...log });
    },
    messageHandler: (n) => {
      if (n.method === "notifications/resources/updated") {
        hub.emit("resource-updated", { server: server(), uri: n.params?.uri });
      } else if (n.method.endsWith("/list_changed")) {
        // The REST binding caches tools and prompts for a few seconds: refresh them first.
        const refresh = n.method.includes("/tools/")
          ? holder.u?.tools(true)
          : n.method.includes("/prompts/")
          ? holder.u?.prompts(true)
          : undefined;
        void Promise.resolve(refresh).catch(() => {}).then(() =>
          hub.emit("list-changed", { server: server(), method: n.method })
        );
      }
    },
    samplingHandler: async (messages, params, ctx) => {
      const answer = await hub.ask(
        "sampling",
        { server: server(), messages, params },
        ctx.signal,
      );
      if (answer.action !== "accept") throw new Error("the person declined the sampling request");
      return {
        role: "assistant" as const,
        model: String(answer.model || "playground"),
        content: { type: "text" as const, text: String(answer.text ?? "") },
        stopReason: "endTurn",
      };
    },
    elicitationHandler: async (message, schema, params, ctx) => {
      const answer = await hub.ask(
        "elicitation",
        { server: server(), message, schema: schema ?? null, params },
        ctx.signal,
      );
      if (answer.action === "accept") {
        return {
          action: "accept" as const,
          content: (answer.content ?? {}) as Record<string, unknown>,
        };
      }
      return { action: answer.action === "decline" ? "decline" as const : "cancel" as const };
    },
  };
}

/** Splits an `mcpServers` config into one entry per enabled server. */
export function configEntries(config: { mcpServers?: Record<string, unknown> }): ServerEntry[] {
  return Object.entries(config.mcpServers ?? {})
    .filter(([, e]) => (e as { disabled?: boolean }).disabled !== true)
    .map(([name, entry]) => {
      const e = entry as { command?: unknown; env?: object; headers?: object };
      const strings = (o: object | undefined) =>
        Object.values(o ?? {}).filter((v): v is string => typeof v === "string");
      return {
        name,
        source: { mcpServers: { [name]: entry } },
        transport: typeof e.command === "string" ? "stdio" : "http",
        secrets: [...strings(e.env), ...strings(e.headers)],
      };
    });
}

/** A core Client that reports each successful connection (so restarts can be counted). */
class TrackedClient extends Client {
  onConnected: () => void = () => {};
  /** The page-driven OAuth provider of an `auth: "oauth"` server. */
  signIn: PlaygroundOAuth | undefined;
  override async connect(): Promise<this> {
    await super.connect();
    this.onConnected();
    return this;
  }
}

/** How {@linkcode buildUpstreams} wires each server to the playground. */
export interface UpstreamWiring {
  /** Where events go and questions are asked. */
  hub: Hub;
  /** Options for every client (timeouts, …). */
  clientOptions?: ClientOptions;
  /** Called each time a server connects (the first time and after each restart). */
  onConnected?: (upstream: Upstream) => void;
  /** Records every request, response and notification. */
  traffic?: Traffic;
  /** The OAuth provider of a URL server whose entry says `auth: "oauth"`. */
  oauth?: (server: () => string) => PlaygroundOAuth;
}

/** The entry's source, with the page-driven OAuth provider for `auth: "oauth"`. */
function withOAuth(
  entry: ServerEntry,
  server: () => string,
  oauth: UpstreamWiring["oauth"],
): { source: ServerEntry["source"]; options?: ClientOptions; signIn?: PlaygroundOAuth } {
  const config = entry.source as { mcpServers?: Record<string, Record<string, unknown>> };
  const inner = config?.mcpServers?.[entry.name];
  if (!oauth || inner?.auth !== "oauth" || typeof inner.url !== "string") {
    return { source: entry.source };
  }
  // The provider is an object config's schema does not take: the URL goes to core directly. The
  // first request waits while the person authorizes in the page.
  const headers = inner.headers as Record<string, string> | undefined;
  const signIn = oauth(server);
  return {
    source: inner.url,
    options: {
      auth: signIn,
      fetch: signIn.fetch,
      initTimeout: AUTHORIZE_MS,
      ...(headers ? { headers } : {}),
    },
    signIn,
  };
}

/**
 * Builds the upstreams of a playground.
 *
 * @param entries the servers, in display order
 * @param wiring the hub, client options, connection and traffic listeners
 */
export function buildUpstreams(entries: ServerEntry[], wiring: UpstreamWiring): Upstreams {
  const upstreams = new Upstreams();
  for (const entry of entries) addUpstream(upstreams, entry, wiring);
  return upstreams;
}

/**
 * Adds one server to a playground's upstreams (at start, or at runtime from the page).
 *
 * @returns the new upstream (not connected yet)
 */
export function addUpstream(
  upstreams: Upstreams,
  entry: ServerEntry,
  wiring: UpstreamWiring,
): Upstream {
  const { hub, clientOptions = {}, onConnected = () => {}, traffic } = wiring;
  const holder: { u?: Upstream } = {};
  const name = () => holder.u?.name ?? entry.name;
  const { source, options, signIn } = withOAuth(entry, name, wiring.oauth);
  const tracked = new TrackedClient(source, {
    // A call that reports progress is not cut off by its timeout, as in the MCP Inspector.
    resetTimeoutOnProgress: true,
    ...options,
    ...clientOptions,
    ...handlers(hub, name, holder, traffic),
  });
  tracked.signIn = signIn;
  tracked.onConnected = () => {
    signIn?.connected();
    if (holder.u) onConnected(holder.u);
  };
  holder.u = upstreams.add(entry.name, tracked, {
    transport: entry.transport,
    secrets: entry.secrets ?? [],
  });
  return holder.u;
}

/** The demo server's entry. */
export function demoEntry(options?: DemoServerOptions): ServerEntry {
  return { name: "demo", source: createDemoServer(options), transport: "in-memory" };
}

/** The OAuth provider an `auth: "oauth"` server signs in with; `undefined` for others. */
export function signInOf(upstream: Upstream): PlaygroundOAuth | undefined {
  return upstream.client instanceof TrackedClient ? upstream.client.signIn : undefined;
}

/**
 * The servers of a playground as the connection panel changes them, with the entries they were
 * added with; `changed` is told after each change, `removed` after a server is removed (its
 * client closed, a sign-in under way ended).
 */
export function serverRegistry(
  upstreams: Upstreams,
  config: { mcpServers?: Record<string, unknown> } | undefined,
  add: (name: string, entry: Record<string, unknown>) => Upstream,
  hooks: { changed?: () => void; removed?: (name: string) => void } = {},
): ServerRegistry {
  const { changed = () => {}, removed = () => {} } = hooks;
  const entries = new Map(
    Object.entries((config?.mcpServers ?? {}) as Record<string, Record<string, unknown>>)
      .filter(([, e]) => e.disabled !== true),
  );
  return {
    add(name, { disabled: _, ...entry }) {
      const upstream = add(name, entry);
      entries.set(name, entry);
      changed();
      return upstream;
    },
    entry: (name) => entries.get(name),
    askedFrom: (upstream, origin) => signInOf(upstream)?.askedFrom(origin),
    async remove(name) {
      const upstream = upstreams.get(name);
      entries.delete(name);
      signInOf(upstream)?.cancel("the server was removed");
      await upstreams.remove(name);
      removed(name);
      changed();
    },
  };
}
