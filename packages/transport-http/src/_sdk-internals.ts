// The few internals of the SDK's client transports (2.4.0) that the direct request paths share
// with them, in one place and checked once: when an SDK release renames any of them, the hooks
// are undefined and every request keeps going through the SDK.
import type {
  SSEClientTransport,
  StreamableHTTPClientTransport,
} from "@modelcontextprotocol/client";

/** What the SDK's reconnection takes to resume a response stream with `Last-Event-ID`. */
export interface ResumeOptions {
  resumptionToken?: string;
  onresumptiontoken?: (token: string) => void;
  requestSignal?: AbortSignal;
  onRequestStreamEnd?: () => void;
}

interface Internals {
  _fetch?: unknown;
  _redirectPolicy?: unknown;
  _abortController?: AbortController;
  _serverRetryMs?: number;
  _scheduleReconnection?: (options: ResumeOptions, attempt: number) => void;
  _endpoint?: URL;
}

/** The SDK transport's state that a response stream read outside it must keep in step with. */
export interface StreamableHooks {
  /** The transport was started (the SDK resumes streams only then). */
  started(): boolean;
  /** The transport was closed: streams it aborts are not errors. */
  closed(): boolean;
  /** Records a server `retry:` value; the SDK's reconnection delays use it, as for its streams. */
  setServerRetry(ms: number): void;
  /** Resumes an interrupted stream with `GET` + `Last-Event-ID`, with the SDK's backoff and auth. */
  resume(options: ResumeOptions): void;
}

/**
 * The hooks into `inner`, or undefined when the SDK is not the one this was written against, or
 * when `inner` does not send through `guarded` as is (DPoP wraps it, for instance).
 */
export function streamableHooks(
  inner: StreamableHTTPClientTransport,
  guarded: unknown,
): StreamableHooks | undefined {
  const sdk = inner as unknown as Internals;
  if (
    sdk._fetch !== guarded || sdk._redirectPolicy !== undefined ||
    typeof sdk._scheduleReconnection !== "function" || !("_serverRetryMs" in sdk) ||
    !("_abortController" in sdk)
  ) {
    return undefined;
  }
  const schedule = sdk._scheduleReconnection;
  return {
    started: () => sdk._abortController !== undefined,
    closed: () => sdk._abortController?.signal.aborted === true,
    setServerRetry: (ms) => sdk._serverRetryMs = ms,
    resume: (options) => schedule.call(inner, options, 0),
  };
}

/**
 * The POST endpoint the legacy SSE server announced, through `inner`; undefined when `inner`
 * does not send through `guarded` as is, or is not the SDK this was written against.
 */
export function sseEndpoint(
  inner: SSEClientTransport,
  guarded: unknown,
): (() => URL | undefined) | undefined {
  const sdk = inner as unknown as Internals;
  if (sdk._fetch !== guarded || sdk._redirectPolicy !== undefined || !("_endpoint" in sdk)) {
    return undefined;
  }
  return () => sdk._endpoint;
}
