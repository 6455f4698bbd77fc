/**
 * One server of a multi-server client: its SDK client, its state and its cached listings.
 *
 * @module
 */
import {
  Client,
  type ClientCapabilities,
  type Implementation,
  type ListResourceTemplatesResult,
  type Prompt,
  type Resource,
  type Tool,
  type Transport,
} from "@modelcontextprotocol/client";
import { ConnectionError, TimeoutError } from "@mcpwire/core";
import type { ServerConfig } from "./schema.ts";
import { type ServerKind, serverKind } from "./_server-transport.ts";
import type { MultiServerHandlers, ServerState, ServerStatus } from "./_types.ts";

/** What every connection needs from the multi-server client. */
export interface ConnectionSetup {
  clientInfo: Implementation;
  capabilities: ClientCapabilities;
  handlers: MultiServerHandlers;
  /** A listing of `kind` changed on `server`. */
  onListChanged(kind: ListKind, server: string): void;
  /** `server` closed after having been connected; `error` when unexpectedly. */
  onLost(server: string, error: Error | undefined): void;
}

type ResourceTemplate = ListResourceTemplatesResult["resourceTemplates"][number];

/** The four listings a server may have. */
export type ListKind = "tools" | "resources" | "resourceTemplates" | "prompts";

/** What each listing holds. */
export interface Listings {
  tools: Tool[];
  resources: Resource[];
  resourceTemplates: ResourceTemplate[];
  prompts: Prompt[];
}

const LIST_CHANGED = {
  "notifications/tools/list_changed": ["tools"],
  "notifications/prompts/list_changed": ["prompts"],
  "notifications/resources/list_changed": ["resources", "resourceTemplates"],
} as const;

/** One server: connects, tracks its state, caches its listings. */
export class ServerConnection {
  readonly name: string;
  readonly entry: ServerConfig;
  readonly kind: ServerKind;
  state: ServerState;
  error: Error | undefined;
  client: Client | undefined;
  readonly cache: Partial<Listings> = {};
  readonly #setup: ConnectionSetup;

  constructor(name: string, entry: ServerConfig, setup: ConnectionSetup) {
    this.name = name;
    this.entry = entry;
    this.kind = serverKind(entry);
    this.state = entry.disabled ? "disabled" : "connecting";
    this.#setup = setup;
  }

  /** The server's status, as `client.servers` reports it. */
  status(): ServerStatus {
    const { cache } = this;
    return {
      name: this.name,
      state: this.state,
      transport: this.kind,
      ...(this.error && { error: this.error }),
      ...(this.client?.getServerVersion() && { serverInfo: this.client.getServerVersion() }),
      ...(cache.tools && { tools: cache.tools.length }),
      ...(cache.resources && { resources: cache.resources.length }),
      ...(cache.resourceTemplates && { resourceTemplates: cache.resourceTemplates.length }),
      ...(cache.prompts && { prompts: cache.prompts.length }),
    };
  }

  /** Connects over `transport`, giving up after `timeoutMs`. Never throws: failures set `error`. */
  async connect(makeTransport: () => Promise<Transport>, timeoutMs: number): Promise<void> {
    const client = this.#createClient();
    this.client = client;
    const timer = new AbortController();
    const handle = setTimeout(() => timer.abort(), timeoutMs);
    try {
      const transport = await makeTransport();
      // The race also covers a transport whose start() never settles.
      await Promise.race([
        client.connect(transport, { timeout: timeoutMs, signal: timer.signal }),
        rejectOnAbort(timer.signal),
      ]);
      if (this.state !== "connecting") {
        throw this.error ?? new ConnectionError(`server '${this.name}' closed`);
      }
      this.state = "connected";
    } catch (cause) {
      this.state = "failed";
      this.error = describeFailure(this.name, cause, timer.signal.aborted ? timeoutMs : undefined);
      await client.close().catch(() => {});
    } finally {
      clearTimeout(handle);
    }
  }

  /** Closes the server; its state becomes `closed`. */
  async close(): Promise<void> {
    if (this.state === "connected" || this.state === "connecting") this.state = "closed";
    await this.client?.close().catch(() => {});
  }

  /** The SDK client, or an error naming the server's state. */
  connected(): Client {
    if (this.state === "connected" && this.client) return this.client;
    const why = this.error ? `: ${this.error.message}` : "";
    throw new ConnectionError(`server '${this.name}' is not connected (${this.state})${why}`, {
      cause: this.error,
    });
  }

  #createClient(): Client {
    const { clientInfo, capabilities, handlers } = this.#setup;
    const client = new Client(clientInfo, { capabilities });
    const context = () => ({ server: this.name });
    const { sampling, elicitation, roots, log, resourceUpdated } = handlers;
    if (capabilities.sampling && sampling) {
      client.setRequestHandler(
        "sampling/createMessage",
        (request, ctx) => sampling(request.params, { ...context(), signal: ctx.mcpReq.signal }),
      );
    }
    if (capabilities.elicitation && elicitation) {
      client.setRequestHandler(
        "elicitation/create",
        (request, ctx) => elicitation(request.params, { ...context(), signal: ctx.mcpReq.signal }),
      );
    }
    if (capabilities.roots && roots) {
      client.setRequestHandler(
        "roots/list",
        async (_request, ctx) => await roots({ ...context(), signal: ctx.mcpReq.signal }),
      );
    }
    if (log) {
      client.setNotificationHandler("notifications/message", (n) => log(n.params, context()));
    }
    if (resourceUpdated) {
      client.setNotificationHandler(
        "notifications/resources/updated",
        (n) => resourceUpdated(n.params, context()),
      );
    }
    for (const [method, kinds] of Object.entries(LIST_CHANGED)) {
      client.setNotificationHandler(method as keyof typeof LIST_CHANGED, () => {
        for (const kind of kinds) {
          delete this.cache[kind];
          this.#setup.onListChanged(kind, this.name);
        }
      });
    }
    let lastError: Error | undefined;
    client.onerror = (error) => {
      lastError = error;
    };
    client.onclose = () => {
      if (this.state !== "connected" && this.state !== "connecting") return;
      const wasConnected = this.state === "connected";
      this.state = "failed";
      this.error = lastError instanceof ConnectionError
        ? lastError
        : new ConnectionError(`server '${this.name}' closed the connection`, { cause: lastError });
      if (wasConnected) this.#setup.onLost(this.name, this.error);
    };
    return client;
  }
}

function describeFailure(name: string, cause: unknown, timedOutAfter: number | undefined): Error {
  const code = (cause as { code?: unknown }).code;
  if (timedOutAfter !== undefined || code === "REQUEST_TIMEOUT") {
    const ms = timedOutAfter ?? 0;
    return new TimeoutError(`server '${name}' did not connect within ${ms} ms`, ms, { cause });
  }
  const message = cause instanceof Error ? cause.message : String(cause);
  if (cause instanceof ConnectionError && message.includes(name)) return cause;
  return new ConnectionError(`server '${name}' failed to connect: ${message}`, { cause });
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}
