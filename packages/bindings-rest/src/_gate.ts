// The checks every request passes before its route, built once per app and shared by the Hono
// middlewares and the fast path on Node, so both answer alike.
import type { MiddlewareHandler } from "hono";
import { toProblemError } from "./_error-map.ts";
import type { CorsHeaders, HostGuard, KeyCheck } from "./_security.ts";
import type { Env, Settings } from "./_settings.ts";
import type { ProblemError } from "./problem.ts";

/** An app's request checks and error mapping. */
export interface Gate {
  settings: Settings;
  /** 403 for a foreign `Host` or `Origin` (DNS rebinding). */
  checkHost: HostGuard;
  /** 401 without a valid key; absent when the app has no keys. */
  checkKey?: KeyCheck;
  /** The CORS headers of an answer; absent when CORS is off. */
  cors?: CorsHeaders;
  /** Resolves once every server has connected or failed once. */
  ready(): Promise<void>;
  /** Whether `ready()` has resolved (then there is nothing to wait for). */
  isReady(): boolean;
  /** Maps any error to the problem answered, reporting internal errors. */
  problemOf(err: unknown, requestId: string): ProblemError;
}

const GATES = new WeakMap<object, Gate>();

/** Records the gate of an app, for `serve` to build the fast path from. */
export function setGate(app: object, gate: Gate): void {
  GATES.set(app, gate);
}

/** The gate of an app made by `createRestApp`, if it is one. */
export function gateOf(app: object): Gate | undefined {
  return GATES.get(app);
}

// A UUID drawn once per process whose last 12 digits count the requests: still a UUID, unique in
// logs gathered from many processes, without drawing random bytes per request.
const ID_PREFIX = crypto.randomUUID().slice(0, 24);
let lastId = 0;

/**
 * The request id: the client's `X-Request-Id` when it is short and plain, else a new UUID (this
 * process's random one, its last 12 digits counting requests).
 */
export function requestIdOf(header: string | null | undefined): string {
  if (header && header.length <= 255 && !/[^\w\-=]/.test(header)) return header;
  return ID_PREFIX + (++lastId).toString(16).padStart(12, "0");
}

/** Sets the request id of every request and its `X-Request-Id` answer header. */
export function requestIds(): MiddlewareHandler<Env> {
  return async (c, next) => {
    const id = requestIdOf(c.req.header("x-request-id"));
    c.set("requestId", id);
    c.header("X-Request-Id", id);
    await next();
  };
}

/** Maps errors to problems; `internal` ones (bugs) are reported with the request id. */
export function problemMapper(
  report: (error: unknown, requestId: string) => void,
): (err: unknown, requestId: string) => ProblemError {
  return (err, requestId) => {
    const problem = toProblemError(err);
    if (problem.code === "internal") report(err, requestId);
    return problem;
  };
}
