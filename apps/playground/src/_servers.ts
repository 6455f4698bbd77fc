// The servers of a playground: the demo server plus every server of a config, each with a core
// Client whose sampling and elicitation requests are answered by a person in the page.
import { type Upstream, Upstreams } from "@mcpwire/bindings-rest";
import { Client, type ClientOptions, type Source } from "@mcpwire/core";
import type { Hub } from "./_hub.ts";
import { createDemoServer, type DemoServerOptions } from "./demo-server.ts";

/** One server to add: its name, source and how it is reached. */
export interface ServerEntry {
  name: string;
  source: Source;
  transport: string;
  secrets?: string[];
}

function handlers(hub: Hub, server: () => string, holder: { u?: Upstream }): ClientOptions {
  return {
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
      const answer = await hub.ask("sampling", { server: server(), messages, params }, ctx.signal);
      if (answer.action !== "accept") throw new Error("the person declined the sampling request");
      return {
        role: "assistant",
        model: String(answer.model || "playground"),
        content: { type: "text", text: String(answer.text ?? "") },
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
        return { action: "accept", content: (answer.content ?? {}) as Record<string, unknown> };
      }
      return { action: answer.action === "decline" ? "decline" : "cancel" };
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
  override async connect(): Promise<this> {
    await super.connect();
    this.onConnected();
    return this;
  }
}

/**
 * Builds the upstreams of a playground.
 *
 * @param entries the servers, in display order
 * @param hub where events go and questions are asked
 * @param clientOptions options for every client (timeouts, …)
 * @param onConnected called each time a server connects (first time and after each restart)
 */
export function buildUpstreams(
  entries: ServerEntry[],
  hub: Hub,
  clientOptions: ClientOptions = {},
  onConnected: (upstream: Upstream) => void = () => {},
): Upstreams {
  const upstreams = new Upstreams();
  for (const entry of entries) {
    const holder: { u?: Upstream } = {};
    const client = new TrackedClient(entry.source, {
      ...clientOptions,
      ...handlers(hub, () => holder.u?.name ?? entry.name, holder),
    });
    client.onConnected = () => holder.u && onConnected(holder.u);
    holder.u = upstreams.add(entry.name, client, {
      transport: entry.transport,
      secrets: entry.secrets ?? [],
    });
  }
  return upstreams;
}

/** The demo server's entry. */
export function demoEntry(options?: DemoServerOptions): ServerEntry {
  return { name: "demo", source: createDemoServer(options), transport: "in-memory" };
}
