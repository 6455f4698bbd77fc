// The pieces every operation of the OpenAPI document is built from: references, the problem
// statuses of each kind of route, and the answers of a tool call.
import { problems } from "./_openapi-static.ts";

type Doc = Record<string, unknown>;

/** A reference to a schema of the document. */
export const ref = (name: string): Doc => ({ $ref: `#/components/schemas/${name}` });
/** A reference to a shared parameter. */
export const param = (name: string): Doc => ({ $ref: `#/components/parameters/${name}` });

/** Statuses every route may answer: a foreign Host or Origin (403), a bug (500). */
const ALWAYS = [403, 500];
export const SERVER_READ: readonly number[] = [404, 502, 503, 504];
export const CALL: readonly number[] = [400, 404, 406, 413, 415, 422, 502, 503, 504];
export const BODY: readonly number[] = [400, 404, 413, 415, 422, 502, 503, 504];

/** The problem responses of an operation: its own statuses, 401 when keys are needed, 403, 500. */
export function errors(secured: boolean, statuses: readonly number[]): Doc {
  return problems([...new Set([...(secured ? [401] : []), ...ALWAYS, ...statuses])].sort());
}

/**
 * The answers of a tool call: 200 (JSON or an event stream), with `task`, 202 (the task started),
 * and the problems.
 */
export function callResponses(
  secured: boolean,
  result: Doc,
  data: Doc,
  what: string,
  task: boolean,
): Doc {
  return {
    "200": {
      description:
        `${what}, including a tool error (isError, MCP-Tool-Error: 1). With ?view=data, only its data.`,
      headers: {
        "X-Request-Id": { $ref: "#/components/headers/RequestId" },
        "MCP-Tool-Error": { $ref: "#/components/headers/ToolError" },
      },
      content: {
        "application/json": { schema: { anyOf: [result, data] } },
        "text/event-stream": {
          schema: {
            type: "string",
            description:
              "progress and log events, then one result event (the JSON answer) or one error event (a problem)",
          },
        },
      },
    },
    ...(task ? { "202": { $ref: "#/components/responses/TaskAccepted" } } : {}),
    ...errors(secured, CALL),
  };
}

/** A fixed route's operation, in short. */
export interface StaticOp {
  id: string;
  tag: string;
  summary: string;
  description?: string;
  errors: readonly number[];
  ok: Doc;
  params?: Doc[];
  body?: Doc;
  public?: boolean;
}

/** The operation of a fixed route. */
export function operation(op: StaticOp, secured: boolean): Doc {
  return {
    operationId: op.id,
    tags: [op.tag],
    summary: op.summary,
    description: op.description ?? `${op.summary}.`,
    ...(op.public ? { security: [] } : {}),
    ...(op.params ? { parameters: op.params } : {}),
    ...(op.body ? { requestBody: op.body } : {}),
    responses: { ...op.ok, ...(op.public ? problems(op.errors) : errors(secured, op.errors)) },
  };
}

/** A JSON request body. */
export const jsonBody = (schema: Doc, required: boolean): Doc => ({
  required,
  content: { "application/json": { schema } },
});
