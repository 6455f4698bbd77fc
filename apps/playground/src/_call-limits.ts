// The page's maximum timeout of a tool call (`X-MCP-Max-Timeout-Ms`), as the CLI's
// `--max-timeout`: the REST binding passes a call's timeout to the client but has no maximum, so
// the playground carries the header's value from the request to that server's client through an
// async context, and the client adds it to the call as core's `maxTotalTimeout`.
import { ProblemError } from "@mcpwire/bindings-rest";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Context, Next } from "hono";

/** The header a page sets on a tool call: the most it may take in all, progress or not. */
export const MAX_TIMEOUT_HEADER = "X-MCP-Max-Timeout-Ms";

const LIMIT_MS = 86_400_000;

const limits = new AsyncLocalStorage<{ maxTotalTimeout: number }>();

/**
 * The header's value in milliseconds; `undefined` when absent.
 *
 * @throws {ProblemError} `invalid_header` (400) unless an integer from 1 to 86 400 000
 */
export function maxTimeoutFrom(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const ms = /^\s*\d{1,9}\s*$/.test(header) ? Number(header) : NaN;
  if (!(ms >= 1 && ms <= LIMIT_MS)) {
    throw new ProblemError(
      "invalid_header",
      `${MAX_TIMEOUT_HEADER} must be an integer from 1 to ${LIMIT_MS} (milliseconds), not '${
        header.slice(0, 40)
      }'`,
      { header: MAX_TIMEOUT_HEADER },
    );
  }
  return ms;
}

/** Runs the rest of a tool call's request with the maximum its header asks for. */
export async function maxTimeoutMiddleware(c: Context, next: Next): Promise<void> {
  const maxTotalTimeout = maxTimeoutFrom(c.req.header(MAX_TIMEOUT_HEADER));
  if (maxTotalTimeout === undefined) return await next();
  await limits.run({ maxTotalTimeout }, next);
}

/** A tool call's options with the maximum of the request it serves, if it set one. */
export function withMaxTimeout<O extends object>(options: O): O & { maxTotalTimeout?: number } {
  const limit = limits.getStore();
  return limit ? { ...options, ...limit } : options;
}
