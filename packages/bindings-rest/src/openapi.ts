/**
 * The OpenAPI 3.1 document of a REST app, built from the servers' live tool lists.
 *
 * @module
 */
import { componentName, moveSchema } from "./_schema.ts";
import { PROBLEM_STATUS } from "./problem.ts";
import type { ToolInfo } from "./upstream-client.ts";

/** One server's part of the document. */
export interface OpenApiServer {
  /** The server's name, as used in routes and as the tag. */
  name: string;
  /** Its tools. */
  tools: readonly ToolInfo[];
  /** A description for its tag (the server's instructions or title). */
  description?: string;
}

/** Options of {@linkcode buildOpenApi}. */
export interface OpenApiOptions {
  /** The document's title. Default "mcpwire REST". */
  title?: string;
  /** The document's version. Default "0.1.0". */
  version?: string;
  /** Whether the routes need a bearer key. */
  secured?: boolean;
  /** The path prefix of the API. Default `/v1`. */
  basePath?: string;
}

type Doc = Record<string, unknown>;

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

/**
 * The `operationId` of a tool: `server__tool` in `[A-Za-z0-9_-]`, at most 64 characters; a hash
 * suffix keeps it unique when it had to be changed.
 *
 * @param server the server's name
 * @param tool the tool's name
 * @returns the operation id
 * @example
 * ```ts
 * import { operationId } from "@mcpwire/bindings-rest";
 * console.log(operationId("time", "get_current_time")); // "time__get_current_time"
 * ```
 */
export function operationId(server: string, tool: string): string {
  const raw = `${server}__${tool}`;
  const clean = raw.replace(/[^A-Za-z0-9_-]/g, "_");
  if (clean === raw && clean.length <= 64) return clean;
  return `${clean.slice(0, 55)}_${fnv1a(raw)}`;
}

const problemRef = { $ref: "#/components/responses/Problem" };

function errorResponses(statuses: readonly number[]): Doc {
  return Object.fromEntries(statuses.map((s) => [String(s), problemRef]));
}

const CALL_ERRORS = [400, 401, 404, 413, 415, 422, 502, 503, 504];
const READ_ERRORS = [401, 404, 502, 503, 504];

function toolOperation(server: string, tool: ToolInfo, components: Doc, used: Set<string>): Doc {
  let id = operationId(server, tool.name);
  // `a__b` + `c` and `a` + `b__c` meet on `a__b__c`: a hash of the exact pair keeps them apart.
  if (used.has(id)) id = `${id.slice(0, 55)}_${fnv1a(`${server}\u0000${tool.name}`)}`;
  used.add(id);
  const input = moveSchema(tool.inputSchema ?? { type: "object" }, componentName(`${id}.input`));
  Object.assign(components, input.components, { [componentName(`${id}.input`)]: input.schema });
  let structured: Doc = {};
  if (tool.outputSchema !== undefined) {
    const name = componentName(`${id}.output`);
    const output = moveSchema(tool.outputSchema, name);
    Object.assign(components, output.components, { [name]: output.schema });
    structured = { properties: { structuredContent: { $ref: `#/components/schemas/${name}` } } };
  }
  const required = Array.isArray((tool.inputSchema as Doc | undefined)?.required) &&
    ((tool.inputSchema as Doc).required as unknown[]).length > 0;
  const annotations = tool.annotations as Doc | undefined;
  return {
    operationId: id,
    tags: [server],
    summary: tool.title ?? (annotations?.title as string | undefined) ?? tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    "x-mcp-server": server,
    "x-mcp-tool": tool.name,
    ...(annotations ? { "x-mcp-annotations": annotations } : {}),
    ...(input.error ? { "x-mcp-schema-error": input.error } : {}),
    parameters: [{ $ref: "#/components/parameters/view" }, {
      $ref: "#/components/parameters/timeout",
    }],
    requestBody: {
      required,
      content: {
        "application/json": {
          schema: { $ref: `#/components/schemas/${componentName(`${id}.input`)}` },
        },
      },
    },
    responses: {
      "200": {
        description: `The result of '${tool.name}'. With isError, the header MCP-Tool-Error is 1.`,
        headers: { "MCP-Tool-Error": { schema: { type: "string", enum: ["0", "1"] } } },
        content: {
          "application/json": {
            schema: { allOf: [{ $ref: "#/components/schemas/ToolResult" }, structured] },
          },
          "text/event-stream": {
            schema: { type: "string", description: "progress, log, then result or error events" },
          },
        },
      },
      ...errorResponses(CALL_ERRORS),
    },
  };
}

function jsonOk(description: string, schema: Doc = { type: "object" }): Doc {
  return { "200": { description, content: { "application/json": { schema } } } };
}

function staticPaths(base: string): Doc {
  const server = { name: "server", in: "path", required: true, schema: { type: "string" } };
  const get = (summary: string, errors: number[], extra: Doc = {}) => ({
    get: { summary, ...extra, responses: { ...jsonOk(summary), ...errorResponses(errors) } },
  });
  return {
    "/healthz": { get: { summary: "Liveness", security: [], responses: jsonOk("Alive") } },
    "/readyz": {
      get: {
        summary: "Readiness",
        security: [],
        responses: { ...jsonOk("Ready"), "503": problemRef },
      },
    },
    [`${base}/servers`]: get("List the servers", [401]),
    [`${base}/servers/{server}`]: get("Describe a server", [401, 404], { parameters: [server] }),
    [`${base}/tools`]: get("List the tools of every server", [401]),
    [`${base}/servers/{server}/tools`]: get("List a server's tools", READ_ERRORS, {
      parameters: [server],
    }),
    [`${base}/servers/{server}/resources`]: get("List a server's resources", READ_ERRORS, {
      parameters: [server],
    }),
    [`${base}/servers/{server}/resource-templates`]: get(
      "List a server's resource templates",
      READ_ERRORS,
      {
        parameters: [server],
      },
    ),
    [`${base}/servers/{server}/resources/read`]: get(
      "Read a resource (JSON, or raw bytes)",
      READ_ERRORS,
      {
        parameters: [server, {
          name: "uri",
          in: "query",
          required: true,
          schema: { type: "string" },
        }],
      },
    ),
    [`${base}/servers/{server}/prompts`]: get("List a server's prompts", READ_ERRORS, {
      parameters: [server],
    }),
    [`${base}/servers/{server}/prompts/{prompt}`]: {
      post: {
        summary: "Get a prompt",
        parameters: [server, {
          name: "prompt",
          in: "path",
          required: true,
          schema: { type: "string" },
        }],
        requestBody: { content: { "application/json": { schema: { type: "object" } } } },
        responses: { ...jsonOk("The prompt's messages"), ...errorResponses([...CALL_ERRORS]) },
      },
    },
    [`${base}/servers/{server}/complete`]: {
      post: {
        summary: "Complete an argument",
        parameters: [server],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["ref", "argument"],
                properties: {
                  ref: { type: "object" },
                  argument: { type: "object" },
                  context: { type: "object" },
                },
              },
            },
          },
        },
        responses: { ...jsonOk("The completion"), ...errorResponses(CALL_ERRORS) },
      },
    },
  };
}

const STATIC_COMPONENTS: Doc = {
  Problem: {
    type: "object",
    required: ["type", "title", "status", "detail", "code"],
    properties: {
      type: { type: "string" },
      title: { type: "string" },
      status: { type: "integer" },
      detail: { type: "string" },
      code: { type: "string", enum: Object.keys(PROBLEM_STATUS) },
      requestId: { type: "string" },
      server: { type: "string" },
      tool: { type: "string" },
      errors: {
        type: "array",
        items: {
          type: "object",
          properties: { path: { type: "string" }, message: { type: "string" } },
        },
      },
    },
  },
  ToolResult: {
    type: "object",
    required: ["content", "isError"],
    properties: {
      content: { type: "array", items: { type: "object" } },
      structuredContent: {},
      data: {},
      isError: { type: "boolean" },
    },
  },
};

/**
 * Builds the OpenAPI 3.1 document: the fixed routes, and one operation per tool with the tool's
 * schemas kept as the server gave them (`$defs` moved to `components`).
 *
 * @param servers each server's name and tools
 * @param options title, version, security, base path
 * @returns the document
 * @example
 * ```ts
 * import { buildOpenApi } from "@mcpwire/bindings-rest";
 * const doc = buildOpenApi([{ name: "math", tools: [{ name: "add", inputSchema: { type: "object" } }] }]);
 * console.log(Object.keys(doc.paths as object).includes("/v1/servers/math/tools/add")); // true
 * ```
 */
export function buildOpenApi(servers: readonly OpenApiServer[], options: OpenApiOptions = {}): Doc {
  const base = options.basePath ?? "/v1";
  const schemas: Doc = { ...STATIC_COMPONENTS };
  const paths: Doc = staticPaths(base);
  const used = new Set<string>();
  for (const server of servers) {
    for (const tool of server.tools) {
      const path = `${base}/servers/${encodeURIComponent(server.name)}/tools/${
        encodeURIComponent(tool.name)
      }`;
      paths[path] = { post: toolOperation(server.name, tool, schemas, used) };
    }
  }
  return {
    openapi: "3.1.0",
    info: { title: options.title ?? "mcpwire REST", version: options.version ?? "0.1.0" },
    tags: servers.map((s) => ({
      name: s.name,
      ...(s.description ? { description: s.description } : {}),
    })),
    paths,
    components: {
      schemas,
      responses: {
        Problem: {
          description: "An error, as RFC 9457 problem details",
          content: {
            "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } },
          },
        },
      },
      parameters: {
        view: {
          name: "view",
          in: "query",
          description: "`data` answers only the result's data",
          schema: { type: "string", enum: ["data"] },
        },
        timeout: {
          name: "X-MCP-Timeout-Ms",
          in: "header",
          description: "The call's timeout in milliseconds",
          schema: { type: "integer", minimum: 1 },
        },
      },
      ...(options.secured
        ? { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } } }
        : {}),
    },
    ...(options.secured ? { security: [{ bearerAuth: [] }] } : {}),
  };
}
