// The traffic of each server as the playground's clients see it, for the page's traffic pane:
// every request the playground sends (named by its JSON-RPC method) with its result or error,
// every notification and every request the server sends. Recorded at the client's API, not as
// raw frames (core has no transport tap), so JSON-RPC ids and envelopes are not shown.

import type { TrafficEntry } from "./_page-types.ts";

export type { TrafficEntry };

type Params = (args: unknown[]) => unknown;
const uri = ([u]: unknown[]) => ({ uri: String(u) });

/** The client methods recorded, with their JSON-RPC method and params. */
const METHODS: Record<string, [string, Params]> = {
  ping: ["ping", () => ({})],
  listTools: ["tools/list", () => ({})],
  callTool: ["tools/call", ([name, args]) => ({ name, arguments: args ?? {} })],
  listResources: ["resources/list", () => ({})],
  listResourceTemplates: ["resources/templates/list", () => ({})],
  readResource: ["resources/read", uri],
  subscribeResource: ["resources/subscribe", uri],
  unsubscribeResource: ["resources/unsubscribe", uri],
  listPrompts: ["prompts/list", () => ({})],
  getPrompt: ["prompts/get", ([name, args]) => ({ name, arguments: args ?? {} })],
  complete: ["completion/complete", ([ref, argument, context]) => ({ ref, argument, context })],
  setLoggingLevel: ["logging/setLevel", ([level]) => ({ level })],
};

/** Long strings (images, blobs) cut, so the pane stays light. */
export function shrink(value: unknown, depth = 0): unknown {
  if (typeof value === "string") {
    return value.length > 2_000 ? `${value.slice(0, 200)}… (${value.length} chars)` : value;
  }
  if (depth > 12 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.slice(0, 200).map((v) => shrink(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, shrink(v, depth + 1)]),
  );
}

/** Keeps the last messages of every server and passes each new one on. */
export class Traffic {
  #seq = 0;
  #entries: TrafficEntry[] = [];
  #emit: (entry: TrafficEntry) => void;
  #limit: number;

  constructor(emit: (entry: TrafficEntry) => void, limit = 500) {
    this.#emit = emit;
    this.#limit = limit;
  }

  /** The messages kept, oldest first. */
  recent(): TrafficEntry[] {
    return [...this.#entries];
  }

  /** Records one message; returns its `seq`. */
  add(entry: Omit<TrafficEntry, "seq" | "at">): number {
    const full = { ...entry, data: shrink(entry.data), seq: ++this.#seq, at: Date.now() };
    this.#entries.push(full);
    if (this.#entries.length > this.#limit) this.#entries.shift();
    this.#emit(full);
    return full.seq;
  }

  /**
   * A view of a client whose requests are recorded (`this` stays the client itself, so its
   * private fields keep working).
   */
  trace<T extends object>(client: T, server: () => string): T {
    const wrapped = new Map<PropertyKey, unknown>();
    return new Proxy(client, {
      get: (target, prop) => {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== "function") return value;
        if (!wrapped.has(prop)) {
          const known = typeof prop === "string" ? METHODS[prop] : undefined;
          const fn = value as (...args: unknown[]) => Promise<unknown>;
          wrapped.set(prop, known ? this.#traced(target, fn, known, server) : fn.bind(target));
        }
        return wrapped.get(prop);
      },
    });
  }

  #traced(
    target: object,
    fn: (...args: unknown[]) => Promise<unknown>,
    [method, params]: [string, Params],
    server: () => string,
  ) {
    return async (...args: unknown[]) => {
      const started = performance.now();
      const ref = this.add({
        server: server(),
        dir: "out",
        kind: "request",
        method,
        data: params(args),
      });
      const ms = () => Math.round(performance.now() - started);
      try {
        const result = await fn.apply(target, args);
        this.add({
          server: server(),
          dir: "in",
          kind: "response",
          method,
          data: result ?? {},
          ref,
          ms: ms(),
        });
        return result;
      } catch (error) {
        const data = {
          message: error instanceof Error ? error.message : String(error),
          code: (error as { code?: unknown })?.code,
        };
        this.add({ server: server(), dir: "in", kind: "error", method, data, ref, ms: ms() });
        throw error;
      }
    };
  }
}
