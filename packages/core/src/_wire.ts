/**
 * A transport wrapper that hands every incoming message to the session's request engine
 * (`_engine.ts`) first, synchronously and in arrival order. What the engine does not take goes
 * on to the SDK `Client` when one is connected (the 2026-07-28 era), else it is dropped.
 *
 * The SDK dispatches notifications a microtask after responses, so a progress notification in
 * the same chunk as its request's result would be lost there; the engine sees it first.
 */
import type { JSONRPCMessage, Transport, TransportSendOptions } from "@modelcontextprotocol/client";

/** What the wrapper reports to its session. */
export interface WireObserver {
  /** A message arrived; return `true` to consume it (the SDK will not see it). */
  message(message: JSONRPCMessage): boolean;
  /** The transport reported an error. */
  error(error: Error): void;
  /** The transport closed. */
  closed(): void;
}

type OnMessage = NonNullable<Transport["onmessage"]>;

/** Wraps a transport; the engine sends on the wrapper, and an SDK `Client` connects to it. */
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
      if (observer.message(message)) return;
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
