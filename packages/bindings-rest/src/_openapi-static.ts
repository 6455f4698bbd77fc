// The fixed part of the OpenAPI document: every route that does not depend on a tool, and the
// schemas of what they answer. Each operation lists every status it can answer.
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

const CONTENT_BLOCK: Doc = {
  type: "object",
  description: "An MCP content block, passed through unchanged",
  required: ["type"],
  properties: {
    type: { type: "string", enum: ["text", "image", "audio", "resource_link", "resource"] },
    text: str,
    data: { type: "string", description: "base64" },
    mimeType: str,
    uri: str,
    name: str,
    resource: ref("ResourceContents"),
    annotations: obj,
    _meta: obj,
  },
};

const TOOL: Doc = {
  type: "object",
  required: ["name", "inputSchema"],
  properties: {
    name: str,
    title: str,
    description: str,
    inputSchema: obj,
    outputSchema: obj,
    annotations: obj,
    _meta: obj,
  },
};

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
  ContentBlock: CONTENT_BLOCK,
  ToolResult: {
    type: "object",
    description: "A tool's result. With isError, structuredContent and data are null.",
    required: ["content", "structuredContent", "data", "isError"],
    properties: {
      content: { type: "array", items: ref("ContentBlock") },
      structuredContent: nullable(obj),
      data: { description: "the structured result, or the parsed text, or null" },
      isError: { type: "boolean" },
    },
  },
  Tool: TOOL,
  ToolList: {
    type: "object",
    required: ["tools"],
    properties: { tools: { type: "array", items: ref("Tool") } },
  },
  ServerTool: {
    allOf: [ref("Tool"), { type: "object", required: ["server"], properties: { server: str } }],
  },
  ServerToolList: {
    type: "object",
    required: ["tools"],
    properties: { tools: { type: "array", items: ref("ServerTool") } },
  },
  Resource: {
    type: "object",
    required: ["uri", "name"],
    properties: {
      uri: str,
      name: str,
      title: str,
      description: str,
      mimeType: str,
      size: { type: "integer" },
      annotations: obj,
      _meta: obj,
    },
  },
  ResourceList: {
    type: "object",
    required: ["resources"],
    properties: { resources: { type: "array", items: ref("Resource") } },
  },
  ResourceTemplate: {
    type: "object",
    required: ["uriTemplate", "name"],
    properties: {
      uriTemplate: str,
      name: str,
      title: str,
      description: str,
      mimeType: str,
      annotations: obj,
      _meta: obj,
    },
  },
  ResourceTemplateList: {
    type: "object",
    required: ["resourceTemplates"],
    properties: { resourceTemplates: { type: "array", items: ref("ResourceTemplate") } },
  },
  ResourceContents: {
    type: "object",
    required: ["uri"],
    properties: {
      uri: str,
      mimeType: str,
      text: str,
      blob: { type: "string", description: "base64" },
      _meta: obj,
    },
  },
  ReadResourceResult: {
    type: "object",
    required: ["contents"],
    properties: { contents: { type: "array", items: ref("ResourceContents") } },
  },
  Prompt: {
    type: "object",
    required: ["name"],
    properties: {
      name: str,
      title: str,
      description: str,
      arguments: {
        type: "array",
        items: {
          type: "object",
          required: ["name"],
          properties: { name: str, title: str, description: str, required: { type: "boolean" } },
        },
      },
      _meta: obj,
    },
  },
  PromptList: {
    type: "object",
    required: ["prompts"],
    properties: { prompts: { type: "array", items: ref("Prompt") } },
  },
  PromptArguments: {
    type: "object",
    description: "The prompt's arguments; values that are not strings are sent as JSON text",
    additionalProperties: true,
  },
  GetPromptResult: {
    type: "object",
    required: ["messages"],
    properties: {
      description: str,
      messages: {
        type: "array",
        items: {
          type: "object",
          required: ["role", "content"],
          properties: {
            role: { type: "string", enum: ["user", "assistant"] },
            content: ref("ContentBlock"),
          },
        },
      },
      _meta: obj,
    },
  },
  CompleteRequest: {
    type: "object",
    required: ["ref", "argument"],
    properties: {
      ref: {
        type: "object",
        required: ["type"],
        description: "{ type: 'ref/prompt', name } or { type: 'ref/resource', uri }",
        properties: {
          type: { type: "string", enum: ["ref/prompt", "ref/resource"] },
          name: str,
          uri: str,
        },
      },
      argument: {
        type: "object",
        required: ["name", "value"],
        properties: { name: str, value: str },
      },
      context: {
        type: "object",
        properties: { arguments: { type: "object", additionalProperties: { type: "string" } } },
      },
    },
  },
  CompleteResult: {
    type: "object",
    required: ["completion"],
    properties: {
      completion: {
        type: "object",
        required: ["values"],
        properties: {
          values: { type: "array", items: str },
          total: { type: "integer" },
          hasMore: { type: "boolean" },
        },
      },
    },
  },
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
