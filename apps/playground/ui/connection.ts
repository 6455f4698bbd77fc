// The page's link to the playground: the event stream, watched by a heartbeat. When the stream
// errors or three heartbeats are missed, the page calls the playground disconnected and retries
// with back-off until it answers again.

import type { SnippetSources } from "./snippets.ts";

/** How the page is linked to the playground. */
export interface Link {
  status: "connecting" | "live" | "disconnected";
  /** Failed attempts since the last success. */
  attempt: number;
  /** When the next attempt starts (epoch ms), while disconnected. */
  retryAt?: number;
  /** The playground process answering; a new one means it restarted. */
  instance?: string;
  /** How snippets reach the servers (from the playground's hello). */
  snippets?: SnippetSources;
}

const BACKOFF_MS = [500, 1_000, 2_000, 4_000, 8_000];

/** Milliseconds before relink attempt `attempt` (0-based): 0.5, 1, 2, 4, then every 8 s. */
export function retryDelay(attempt: number): number {
  return BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!;
}

/** A live event stream that reconnects by itself. */
export interface Events {
  /** Tries again now (while disconnected). */
  retry(): void;
  /** Stops listening. */
  close(): void;
}

/**
 * Listens to the playground's live events, reconnecting with back-off.
 *
 * @param handlers one function per event name
 * @param onLink told each time the link changes
 */
export function connectEvents(
  handlers: Record<string, (data: never) => void>,
  onLink: (link: Link) => void,
): Events {
  let source: EventSource | undefined;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let heartbeatMs = 5_000;
  let closed = false;

  const fail = () => {
    if (closed || !source) return;
    source.close();
    source = undefined;
    clearTimeout(watchdog);
    const delay = retryDelay(attempt);
    attempt++;
    onLink({ status: "disconnected", attempt, retryAt: Date.now() + delay });
    retryTimer = setTimeout(open, delay);
  };
  const alive = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(fail, heartbeatMs * 3);
  };
  function open() {
    clearTimeout(retryTimer);
    if (closed || source) return;
    const es = source = new EventSource("/playground/events");
    es.onerror = fail;
    es.addEventListener("hello", (e) => {
      const hello = JSON.parse((e as MessageEvent).data) as {
        heartbeatMs: number;
        instance: string;
        snippets?: SnippetSources;
      };
      heartbeatMs = hello.heartbeatMs;
      attempt = 0;
      alive();
      onLink({ status: "live", attempt: 0, instance: hello.instance, snippets: hello.snippets });
    });
    es.addEventListener("heartbeat", alive);
    for (const [event, handle] of Object.entries(handlers)) {
      es.addEventListener(event, (e) => {
        alive();
        handle(JSON.parse((e as MessageEvent).data) as never);
      });
    }
  }
  open();
  return {
    retry: () => (clearTimeout(retryTimer), open()),
    close: () => {
      closed = true;
      clearTimeout(watchdog);
      clearTimeout(retryTimer);
      source?.close();
    },
  };
}
