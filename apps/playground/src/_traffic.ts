// The JSON-RPC traffic of each server for the page's traffic pane: every message core's
// `trafficHandler` reports on the wire (the handshake, requests, responses, errors,
// notifications, the server's own requests and their answers), in order, with a response paired
// to its request by id. The last `limit` messages of each server are kept.

import type { TrafficEntry } from "./_page-types.ts";

export type { TrafficEntry };

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

type Message = {
  id?: string | number | null;
  method?: string;
  error?: unknown;
};

/** What a message is: its kind, and for a request or notification its method. */
function classify(
  message: Message,
): Pick<TrafficEntry, "kind" | "method"> & { id?: string | number } {
  const id = message.id ?? undefined;
  if (typeof message.method === "string") {
    return { kind: id === undefined ? "notification" : "request", method: message.method, id };
  }
  return { kind: message.error === undefined ? "response" : "error", method: "", id };
}

/** The requests still waiting for their answer, to pair responses by server, direction and id. */
const PENDING_LIMIT = 1_000;

/** Keeps the last messages of every server and passes each new one on. */
export class Traffic {
  #seq = 0;
  #servers = new Map<string, TrafficEntry[]>();
  #pending = new Map<string, TrafficEntry>();
  #emit: (entry: TrafficEntry) => void;
  #limit: number;

  /**
   * @param emit gets each new message
   * @param limit messages kept per server
   */
  constructor(emit: (entry: TrafficEntry) => void, limit = 500) {
    this.#emit = emit;
    this.#limit = limit;
  }

  /** The messages kept, oldest first. */
  recent(): TrafficEntry[] {
    return [...this.#servers.values()].flat().sort((a, b) => a.seq - b.seq);
  }

  /** Drops a server's messages (it was removed), and its requests waiting for an answer. */
  forget(server: string): void {
    this.#servers.delete(server);
    const prefix = `${server}\u0000`;
    for (const key of [...this.#pending.keys()]) {
      if (key.startsWith(prefix)) this.#pending.delete(key);
    }
  }

  /**
   * Records one JSON-RPC message (as core's `trafficHandler` reports it).
   *
   * @param server the playground's name of the server
   * @param dir `out` for what the playground sent, `in` for what the server sent
   * @returns the entry recorded
   */
  add(server: string, dir: "out" | "in", message: unknown): TrafficEntry {
    const { kind, method, id } = classify((message ?? {}) as Message);
    const entry: TrafficEntry = {
      seq: ++this.#seq,
      at: Date.now(),
      server,
      dir,
      kind,
      method,
      ...(id !== undefined ? { id } : {}),
      message: shrink(message),
    };
    // A request sent one way is answered the other way, with the same id.
    if (id !== undefined) {
      const key = (d: string) => `${server}\u0000${d}\u0000${typeof id}:${id}`;
      if (kind === "request") {
        this.#pending.set(key(dir), entry);
        if (this.#pending.size > PENDING_LIMIT) {
          this.#pending.delete(this.#pending.keys().next().value!);
        }
      } else {
        const other = key(dir === "out" ? "in" : "out");
        const request = this.#pending.get(other);
        if (request) {
          this.#pending.delete(other);
          entry.method = request.method;
          entry.ref = request.seq;
          entry.ms = entry.at - request.at;
        }
      }
    }
    const list = this.#servers.get(server) ?? [];
    this.#servers.set(server, list);
    list.push(entry);
    if (list.length > this.#limit) list.shift();
    this.#emit(entry);
    return entry;
  }
}
