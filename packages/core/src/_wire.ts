/**
 * A transport wrapper that sees every incoming message in arrival order, before the SDK does.
 *
 * The SDK hands responses to their callers at once but dispatches notifications a microtask
 * later, so a progress notification that arrives in the same chunk as its request's result is
 * dropped (the request is already gone). Here notifications are handled synchronously as they
 * arrive, so progress for a request always reaches its handler before the response is handed on.
 * Responses to the requests core sends itself (`_direct.ts`) are taken here too; the SDK never
 * sees them.
 */
import type { JSONRPCMessage, Transport, TransportSendOptions } from "@modelcontextprotocol/client";
import type { ServerNotification } from "./types.ts";

/** What the wrapper reports to its session. */
export interface WireObserver {
  /** A notification arrived; return `true` to consume it (the SDK will not see it). */
  notification(notification: ServerNotification): boolean;
  /** A response arrived; return `true` to consume it (one to a request core sent itself). */
  response(response: JSONRPCMessage): boolean;
  /** The transport reported an error. */
  error(error: Error): void;
  /** The transport closed. */
  closed(): void;
}

type OnMessage = NonNullable<Transport["onmessage"]>;

/** Wraps a transport; the SDK `Client` connects to the wrapper. */
export class ObservedTransport implements Transport {
  readonly inner: Transport;
  onerror?: (error: Error) => void;
  onclose?: () => void;
  #onmessage: OnMessage | undefined;
  #queue: [JSONRPCMessage, unknown][] = [];
  #started: Promise<void> | undefined;

  constructor(inner: Transport, observer: WireObserver) {
    this.inner = inner;
    inner.onmessage = (message, extra) => {
      if ("method" in message) {
        if (!("id" in message) && observer.notification(message as ServerNotification)) return;
      } else if (observer.response(message)) return;
      if (this.#onmessage) this.#onmessage(message, extra as never);
      else this.#queue.push([message, extra]);
    };
    inner.onerror = (error) => {
      observer.error(error);
      this.onerror?.(error);
    };
    inner.onclose = () => {
      observer.closed();
      this.onclose?.();
    };
    // The SDK recognises its stdio transport by these two members (for the `auto` probe).
    if ("stderr" in inner && "pid" in inner) {
      Object.defineProperty(this, "stderr", { get: () => (inner as { stderr: unknown }).stderr });
      Object.defineProperty(this, "pid", { get: () => (inner as { pid: unknown }).pid });
    }
  }

  get onmessage(): OnMessage | undefined {
    return this.#onmessage;
  }

  set onmessage(handler: OnMessage | undefined) {
    this.#onmessage = handler;
    if (!handler) return;
    for (const [message, extra] of this.#queue.splice(0)) handler(message, extra as never);
  }

  get sessionId(): string | undefined {
    return this.inner.sessionId;
  }

  get hasPerRequestStream(): boolean | undefined {
    return this.inner.hasPerRequestStream;
  }

  /** Starts the inner transport once; later calls share that start. */
  start(): Promise<void> {
    return this.#started ??= this.inner.start();
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    return this.inner.send(message, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version);
  }

  setSupportedProtocolVersions(versions: string[]): void {
    this.inner.setSupportedProtocolVersions?.(versions);
  }
}
