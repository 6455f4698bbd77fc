/**
 * RFC 9457 problem details: the one shape of every error the REST binding answers.
 *
 * @module
 */

/** The stable codes of every problem the binding answers, with their HTTP status. */
export const PROBLEM_STATUS = {
  malformed_json: 400,
  invalid_body: 400,
  invalid_query: 400,
  body_too_deep: 400,
  invalid_header: 400,
  task_not_supported: 400,
  unauthorized: 401,
  forbidden_host: 403,
  forbidden_origin: 403,
  not_found: 404,
  server_not_found: 404,
  tool_not_found: 404,
  prompt_not_found: 404,
  resource_not_found: 404,
  method_not_found: 404,
  task_not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  task_cancelled: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_arguments: 422,
  internal: 500,
  upstream_error: 502,
  upstream_disconnected: 502,
  cancelled: 502,
  server_unavailable: 503,
  upstream_timeout: 504,
} as const;

/** A stable problem code, such as `"tool_not_found"`. */
export type ProblemCode = keyof typeof PROBLEM_STATUS;

/** The JSON body of an `application/problem+json` answer. */
export interface Problem {
  /** A URN naming the kind of problem: `urn:mcpwire:problem:<code>`. */
  type: string;
  /** A short, fixed summary of the kind of problem. */
  title: string;
  /** The HTTP status. */
  status: number;
  /** What happened, naming the server, tool, prompt or resource. */
  detail: string;
  /** The stable code, also the tail of `type`. */
  code: ProblemCode;
  /** The id of the request, also sent as `X-Request-Id`. */
  requestId?: string;
  /** Any extra member: `server`, `tool`, `errors`, `mcpError`, … */
  [extra: string]: unknown;
}

const TITLES: Record<ProblemCode, string> = {
  malformed_json: "Malformed JSON",
  invalid_body: "Body is not a JSON object",
  invalid_query: "Invalid query",
  body_too_deep: "Body nested too deeply",
  invalid_header: "Invalid header",
  task_not_supported: "Tool does not run as a task",
  unauthorized: "Unauthorized",
  forbidden_host: "Host not allowed",
  forbidden_origin: "Origin not allowed",
  not_found: "Not found",
  server_not_found: "Server not found",
  tool_not_found: "Tool not found",
  prompt_not_found: "Prompt not found",
  resource_not_found: "Resource not found",
  method_not_found: "Not supported by the server",
  task_not_found: "Task not found",
  method_not_allowed: "Method not allowed",
  not_acceptable: "Not acceptable",
  task_cancelled: "Task cancelled",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  invalid_arguments: "Invalid arguments",
  internal: "Internal error",
  upstream_error: "Upstream error",
  upstream_disconnected: "Upstream disconnected",
  cancelled: "Cancelled",
  server_unavailable: "Server unavailable",
  upstream_timeout: "Upstream timeout",
};

/**
 * An error that the binding answers as `application/problem+json` with its status and code.
 *
 * @example
 * ```ts
 * import { ProblemError } from "@mcpwire/bindings-rest";
 * const err = new ProblemError("tool_not_found", "server 'time' has no tool 'nope'", { tool: "nope" });
 * console.log(err.status); // 404
 * ```
 */
export class ProblemError extends Error {
  /** The stable code. */
  readonly code: ProblemCode;
  /** The HTTP status of the code. */
  readonly status: number;
  /** Extra members added to the body. */
  readonly extra: Readonly<Record<string, unknown>>;
  /** Headers added to the answer, such as `Retry-After`. */
  readonly headers: Readonly<Record<string, string>>;

  /**
   * @param code the stable code
   * @param detail what happened, naming the thing concerned
   * @param extra extra members of the body
   * @param headers extra headers of the answer
   */
  constructor(
    code: ProblemCode,
    detail: string,
    extra: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = "ProblemError";
    this.code = code;
    this.status = PROBLEM_STATUS[code];
    this.extra = extra;
    this.headers = headers;
  }

  /**
   * The problem body of this error.
   *
   * @param requestId the request id to include
   * @returns the JSON body
   */
  toProblem(requestId?: string): Problem {
    return {
      ...this.extra,
      type: `urn:mcpwire:problem:${this.code}`,
      title: TITLES[this.code],
      status: this.status,
      detail: this.message,
      code: this.code,
      ...(requestId ? { requestId } : {}),
    };
  }
}

/** What a problem answers: status, headers and the serialized body. */
export interface ProblemAnswer {
  /** The HTTP status. */
  status: number;
  /** The headers, names in lower case. */
  headers: Record<string, string>;
  /** The JSON body. */
  body: string;
}

/**
 * The status, headers and body of a problem answer, for servers that write them without a
 * `Response` (the fast path on Node).
 *
 * @param error the problem to answer
 * @param requestId the request id, also sent as `X-Request-Id`
 * @returns status, headers and body
 */
export function problemAnswer(error: ProblemError, requestId?: string): ProblemAnswer {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(error.headers)) headers[name.toLowerCase()] = value;
  headers["content-type"] = "application/problem+json";
  headers["cache-control"] = "no-store";
  if (requestId) headers["x-request-id"] = requestId;
  return { status: error.status, headers, body: JSON.stringify(error.toProblem(requestId)) };
}

/**
 * Builds an `application/problem+json` response for a problem.
 *
 * @param error the problem to answer
 * @param requestId the request id, also sent as `X-Request-Id`
 * @returns the response
 * @example
 * ```ts
 * import { ProblemError, problemResponse } from "@mcpwire/bindings-rest";
 * const res = problemResponse(new ProblemError("not_found", "no route GET /x"), "abc");
 * console.log(res.status, res.headers.get("content-type")); // 404 application/problem+json
 * ```
 */
export function problemResponse(error: ProblemError, requestId?: string): Response {
  const { status, headers, body } = problemAnswer(error, requestId);
  return new Response(body, { status, headers });
}
