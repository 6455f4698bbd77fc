/**
 * The log level on the 2026-07-28 era. That era has no `logging/setLevel`: a server sends log
 * messages for a request only when the request says which level it wants, in
 * `_meta["io.modelcontextprotocol/logLevel"]`. The SDK `Client` never sets it, so this transport
 * wrapper adds it to every outgoing request once the session knows its level, and the logs
 * arrive as they do on the legacy era.
 */
import type {
  JSONRPCMessage,
  LoggingLevel,
  TransportSendOptions,
} from "@modelcontextprotocol/client";
import { ObservedTransport } from "./_wire.ts";
import type { ClientOptions } from "./types.ts";

// The SDK's LOG_LEVEL_META_KEY, spelled out so that this module loads nothing from the SDK.
const LOG_LEVEL_META_KEY = "io.modelcontextprotocol/logLevel";

/**
 * The level a modern-era session asks for until `setLoggingLevel()`: every message when the
 * client has a `logHandler` or `messageHandler`, else `warning` (what the default handler prints).
 */
export function defaultLogLevel(options: Readonly<ClientOptions>): LoggingLevel {
  return options.logHandler || options.messageHandler ? "debug" : "warning";
}

/** An `ObservedTransport` that adds the log level to every request it sends. */
export class LevelledTransport extends ObservedTransport {
  /** The level sent with each request; `undefined` sends none (the legacy era). */
  logLevel: LoggingLevel | undefined;

  override send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    const level = this.logLevel;
    if (level === undefined || !("method" in message) || !("id" in message)) {
      return super.send(message, options);
    }
    const params = (message.params ?? {}) as { _meta?: Record<string, unknown> };
    if (params._meta?.[LOG_LEVEL_META_KEY] !== undefined) return super.send(message, options);
    const _meta = { ...params._meta, [LOG_LEVEL_META_KEY]: level };
    return super.send({ ...message, params: { ...params, _meta } }, options);
  }
}
