/** Delivers server notifications to the log handler, `on()` listeners and the message handler. */
import { defaultLogHandler } from "./_handlers.ts";
import type { ClientOptions, LogMessage, ServerNotification } from "./types.ts";

type Listener = (params: never) => void;

/** The notification fan-out of one client. */
export class Notifications {
  #listeners = new Map<string, Set<Listener>>();
  #log: (message: LogMessage) => unknown;
  #messageHandler: ClientOptions["messageHandler"];

  constructor(options: Readonly<ClientOptions>, serverName: () => string) {
    this.#log = options.logHandler ?? defaultLogHandler(serverName);
    this.#messageHandler = options.messageHandler;
  }

  /** Adds a listener; returns its removal. */
  on(method: string, listener: Listener): () => void {
    let set = this.#listeners.get(method);
    if (!set) this.#listeners.set(method, set = new Set());
    set.add(listener);
    return () => void set.delete(listener);
  }

  /** Delivers one notification, synchronously, in arrival order. */
  dispatch(n: ServerNotification): void {
    if (n.method === "notifications/message" && n.params) call(this.#log, n.params as never);
    const set = this.#listeners.get(n.method);
    if (set) { for (const listener of set) call(listener, n.params as never); }
    if (this.#messageHandler) call(this.#messageHandler, n);
  }
}

/** Reports an error thrown by a user handler without disturbing the connection. */
export function reportHandlerError(error: unknown): void {
  console.error("mcpwire: a handler threw:", error);
}

function call<A>(fn: (arg: A) => unknown, arg: A): void {
  try {
    const out = fn(arg);
    if (out instanceof Promise) out.catch(reportHandlerError);
  } catch (error) {
    reportHandlerError(error);
  }
}
