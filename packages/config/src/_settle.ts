/**
 * When a config's router may answer: each server has connected, failed, or been connecting for
 * `serverWait` ms (or, with `strict`, each has connected). Nothing here waits on a server that is
 * not needed.
 *
 * @module
 */
import { ConnectionError } from "@mcpwire/core";
import type { ServerConnection } from "./_server-connection.ts";

/** How long `connect()` and merged listings wait for a server still connecting. */
export const DEFAULT_SERVER_WAIT_MS = 3_000;

/** How to wait. */
export interface SettleOptions {
  /** All or nothing: wait for every server, fail when any failed. */
  strict: boolean;
  /** Milliseconds from each server's start (default {@linkcode DEFAULT_SERVER_WAIT_MS}). */
  serverWait?: number | undefined;
}

/**
 * Waits until each server has connected, failed, or been connecting for `serverWait` ms; with
 * `strict`, until each has settled.
 *
 * @param enabled the servers that connect
 * @throws {Error} with `strict`, when any server failed; else when every server failed (the one
 *   server's own error when there is one)
 */
export async function settleServers(
  enabled: ServerConnection[],
  options: SettleOptions,
): Promise<void> {
  if (options.strict) {
    await Promise.all(enabled.map((c) => c.settled()));
    const failed = enabled.filter((c) => c.state !== "connected");
    if (failed.length) throw connectFailure(failed, enabled.length);
    return;
  }
  const wait = options.serverWait ?? DEFAULT_SERVER_WAIT_MS;
  const now = performance.now();
  await Promise.all(enabled.map((c) => c.settledWithin(c.startedAt + wait - now)));
  if (enabled.some((c) => c.state === "connected")) return;
  await Promise.all(enabled.map((c) => c.settled()));
  const failed = enabled.filter((c) => c.state !== "connected");
  if (failed.length === enabled.length) throw connectFailure(failed, enabled.length);
}

/** The error for servers that failed to connect: the one server's own, or all of them listed. */
function connectFailure(failed: ServerConnection[], total: number): Error {
  if (total === 1 && failed[0]?.error) return failed[0].error;
  const what = failed.length === total
    ? "every server failed to connect"
    : `${failed.length} of ${total} servers failed to connect (strict)`;
  const causes = failed.map((c) => `\n  - ${c.error?.message ?? `server '${c.name}' ${c.state}`}`);
  return new ConnectionError(`${what}:${causes.join("")}`, {
    cause: new AggregateError(failed.map((c) => c.error), what),
  });
}
