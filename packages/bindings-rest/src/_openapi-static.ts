// The fixed components of the OpenAPI document: the problem body and responses, the schemas of the
// servers and health routes (with MCP's own in _openapi-schemas.ts), and small builders.
import { MCP_SCHEMAS } from "./_openapi-schemas.ts";
import { PROBLEM_STATUS } from "./problem.ts";

type Doc = Record<string, unknown>;

const ref = (name: string): Doc => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: Doc): Doc => ({ anyOf: [schema, { type: "null" }] });
const str: Doc = { type: "string" };
const obj: Doc = { type: "object" };

/** The problem responses of each status, by the status. */
export function problems(statuses: readonly number[]): Doc {
  return Object.fromEntries(statuses.map((s) => [String(s), {
    $ref: `#/components/responses/${PROBLEM_RESPONSE[s] ?? "Problem"}`,
  }]));
}

const PROBLEM_RESPONSE: Record<number, string> = {
  401: "Unauthorized",
  503: "Unavailable",
};

/** The JSON answer of a 200. */
export function ok(description: string, schema: Doc, extra: Doc = {}): Doc {
  return {
    "200": {
      description,
      headers: { "X-Request-Id": { $ref: "#/components/headers/RequestId" } },
      content: { "application/json": { schema } },
      ...extra,
    },
  };
}

const PROBLEM: Doc = {
  type: "object",
  description: "RFC 9457 problem details",
  required: ["type", "title", "status", "detail", "code"],
  properties: {
    type: { type: "string", description: "urn:mcpwire:problem:<code>" },
    title: str,
    status: { type: "integer", minimum: 400, maximum: 599 },
    detail: str,
    code: { type: "string", enum: Object.keys(PROBLEM_STATUS) },
    requestId: str,
    server: str,
    tool: str,
    prompt: str,
    uri: str,
    task: str,
    parameter: { type: "string", description: "the query parameter at fault" },
    header: { type: "string", description: "the header at fault" },
    limit: { type: "integer", description: "the limit exceeded (bytes or levels)" },
    errors: {
      type: "array",
      items: {
        type: "object",
        required: ["path", "message"],
        properties: { path: str, message: str },
      },
    },
    mcpError: {
      type: "object",
      description: "the JSON-RPC error the server answered",
      properties: { code: { type: "integer" }, message: str, data: {} },
    },
    servers: { $ref: "#/components/schemas/ServerStates" },
  },
};

/** The schemas of the fixed routes. */
export const STATIC_SCHEMAS: Doc = {
  Problem: PROBLEM,
  ...MCP_SCHEMAS,
  ServerState: { type: "string", enum: ["connecting", "connected", "failed", "closed"] },
  ServerStates: {
    type: "object",
    additionalProperties: {
      type: "object",
      required: ["state", "required"],
      properties: { state: ref("ServerState"), required: { type: "boolean" } },
    },
  },
  Server: {
    type: "object",
    required: [
      "name",
      "state",
      "required",
      "transport",
      "serverInfo",
      "protocolVersion",
      "capabilities",
      "counts",
      "lastError",
    ],
    properties: {
      name: str,
      state: ref("ServerState"),
      required: { type: "boolean" },
      transport: str,
      serverInfo: nullable(obj),
      protocolVersion: nullable(str),
      capabilities: nullable(obj),
      instructions: str,
      counts: {
        type: "object",
        required: ["tools", "prompts"],
        properties: { tools: { type: "integer" }, prompts: { type: "integer" } },
      },
      lastError: nullable({
        type: "object",
        required: ["code", "message"],
        properties: { code: str, message: str },
      }),
    },
  },
  ServerList: {
    type: "object",
    required: ["servers"],
    properties: { servers: { type: "array", items: ref("Server") } },
  },
  Health: {
    type: "object",
    required: ["status"],
    properties: { status: { type: "string", enum: ["ok"] } },
  },
  Readiness: {
    type: "object",
    required: ["status", "servers"],
    properties: {
      status: { type: "string", enum: ["ready", "degraded"] },
      servers: ref("ServerStates"),
    },
  },
  OpenApiDocument: {
    type: "object",
    description: "An OpenAPI 3.1 document",
    required: ["openapi"],
    properties: { openapi: str },
  },
};

const problemResponse = (description: string, headers: Doc = {}): Doc => ({
  description,
  headers: { "X-Request-Id": { $ref: "#/components/headers/RequestId" }, ...headers },
  content: { "application/problem+json": { schema: ref("Problem") } },
});

/** The responses, parameters and headers the operations share. */
export const STATIC_COMPONENTS: Doc = {
  responses: {
    Problem: problemResponse("An error, as RFC 9457 problem details (see `code`)"),
    Unauthorized: problemResponse("No key, or a wrong one", {
      "WWW-Authenticate": { schema: str, description: "Bearer (and Basic) challenges" },
    }),
    Unavailable: problemResponse("The server is not connected (it is reconnecting)", {
      "Retry-After": {
        schema: { type: "integer", minimum: 1 },
        description: "Seconds until the next attempt",
      },
    }),
  },
  headers: {
    RequestId: {
      description: "The request id (the client's own when short and plain)",
      schema: str,
    },
  },
};

/** The parameters every `{server}` route shares; `names` are the live servers. */
export function serverParameter(names: readonly string[]): Doc {
  return {
    name: "server",
    in: "path",
    required: true,
    description: "A server's name, as in `GET /v1/servers`",
    schema: names.length > 0 ? { type: "string", enum: [...names] } : str,
  };
}
