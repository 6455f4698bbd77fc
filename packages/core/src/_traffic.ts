/**
 * The `trafficHandler` tap: a transport wrapper that reports every JSON-RPC message as it is
 * handed to the transport or arrives from it, below everything else in the session (engine, SDK
 * client, log-level envelope), so the messages are the ones on the wire, in wire order. A session
 * puts it in only when the option is given; otherwise the transport is used as is.
 */
import type { JSONRPCMessage, Transport, TransportSendOptions } from "@modelcontextprotocol/client";
import type { TrafficEntry } from "./types.ts";

/** Where a tap reports. */
export interface TrafficReport {
  /** The user's handler. */
  handler: (entry: TrafficEntry) => void;
  /** The server's name as error messages give it now. */
  server: () => string;
  /** Told when the handler throws (the client's `onWarning`). */
  warn: (warning: Error) => void;
}

type OnMessage = NonNullable<Transport["onmessage"]>;

/** A transport that reports each message it sends and receives, then passes it on unchanged. */
export class TrafficTap implements Transport {
  readonly #inner: Transport;
  readonly #report: TrafficReport;

  constructor(inner: Transport, report: TrafficReport) {
    this.#inner = inner;
    this.#report = report;
    // The SDK recognises its stdio transport by these two members (for the `auto` probe).
    if ("stderr" in inner && "pid" in inner) {
      Object.defineProperty(this, "stderr", { get: () => (inner as { stderr: unknown }).stderr });
      Object.defineProperty(this, "pid", { get: () => (inner as { pid: unknown }).pid });
    }
  }

  set onmessage(handler: OnMessage | undefined) {
    this.#inner.onmessage = handler && ((message, extra) => {
      this.#tell("receive", message);
      handler(message, extra);
    });
  }

  set onerror(handler: ((error: Error) => void) | undefined) {
    this.#inner.onerror = handler;
  }

  set onclose(handler: (() => void) | undefined) {
    this.#inner.onclose = handler;
  }

  get sessionId(): string | undefined {
    return this.#inner.sessionId;
  }

  get hasPerRequestStream(): boolean | undefined {
    return this.#inner.hasPerRequestStream;
  }

  start(): Promise<void> {
    return this.#inner.start();
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    this.#tell("send", message);
    return this.#inner.send(message, options);
  }

  close(): Promise<void> {
    return this.#inner.close();
  }

  setProtocolVersion(version: string): void {
    this.#inner.setProtocolVersion?.(version);
  }

  setSupportedProtocolVersions(versions: string[]): void {
    this.#inner.setSupportedProtocolVersions?.(versions);
  }

  #tell(direction: TrafficEntry["direction"], message: JSONRPCMessage): void {
    const { handler, server, warn } = this.#report;
    try {
      const out: unknown = handler({ direction, message, server: server() });
      if (out instanceof Promise) out.catch((error) => warn(threw(error)));
    } catch (error) {
      warn(threw(error));
    }
  }
}

function threw(error: unknown): Error {
  const text = error instanceof Error ? error.message : String(error);
  return new Error(`the trafficHandler threw: ${text}`, { cause: error });
}
