/**
 * The OpenAPI 3.1 document of a REST app, built from the servers' live tool lists.
 *
 * @module
 */
import { componentName, moveSchema } from "./_schema.ts";
import {
  ok,
  problems,
  serverParameter,
  STATIC_COMPONENTS,
  STATIC_SCHEMAS,
} from "./_openapi-static.ts";
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
  /** The `servers` URL of the document. Default `/` (relative to where it was read). */
  serverUrl?: string;
  /** Every server name `{server}` takes (default: the names of `servers`). */
  serverNames?: readonly string[];
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

const ref = (name: string): Doc => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string): Doc => ({ $ref: `#/components/parameters/${name}` });

/** Statuses every route may answer: a foreign Host or Origin (403), a bug (500). */
const ALWAYS = [403, 500];
const SERVER_READ = [404, 502, 503, 504];
const CALL = [400, 404, 406, 413, 415, 422, 502, 503, 504];
const BODY = [400, 404, 413, 415, 422, 502, 503, 504];

function errors(secured: boolean, statuses: readonly number[]): Doc {
  return problems([...new Set([...(secured ? [401] : []), ...ALWAYS, ...statuses])].sort());
}

/** One tool's schemas as components: its input, its output, its result and its `data`. */
function toolSchemas(id: string, tool: ToolInfo, components: Doc): { error?: string } {
  const inputName = componentName(`${id}.input`);
  const input = moveSchema(tool.inputSchema ?? { type: "object" }, inputName);
  Object.assign(components, input.components, { [inputName]: input.schema });
  let data: Doc = { description: "the result's text parsed as JSON, or the text, or null" };
  let structured: Doc = { anyOf: [{ type: "object" }, { type: "null" }] };
  if (tool.outputSchema !== undefined) {
    const name = componentName(`${id}.output`);
    const output = moveSchema(tool.outputSchema, name);
    Object.assign(components, output.components, { [name]: output.schema });
    structured = data = {
      description: "the tool's structured result (its output schema); null with isError",
      anyOf: [ref(name), { type: "null" }],
    };
  }
  components[componentName(`${id}.data`)] = data;
  components[componentName(`${id}.result`)] = {
    type: "object",
    required: ["content", "structuredContent", "data", "isError"],
    properties: {
      content: { type: "array", items: ref("ContentBlock") },
      structuredContent: structured,
      data: ref(componentName(`${id}.data`)),
      isError: { type: "boolean" },
    },
  };
  return input.error ? { error: input.error } : {};
}

function callResponses(secured: boolean, result: Doc, data: Doc, what: string): Doc {
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
    ...errors(secured, CALL),
  };
}

function toolOperation(
  server: string,
  tool: ToolInfo,
  components: Doc,
  used: Set<string>,
  secured: boolean,
): Doc {
  let id = operationId(server, tool.name);
  // `a__b` + `c` and `a` + `b__c` meet on `a__b__c`: a hash of the exact pair keeps them apart.
  if (used.has(id)) id = `${id.slice(0, 55)}_${fnv1a(`${server}\u0000${tool.name}`)}`;
  used.add(id);
  const { error } = toolSchemas(id, tool, components);
  const required = Array.isArray((tool.inputSchema as Doc | undefined)?.required) &&
    ((tool.inputSchema as Doc).required as unknown[]).length > 0;
  const annotations = tool.annotations as Doc | undefined;
  return {
    operationId: id,
    tags: [server],
    summary: tool.title ?? (annotations?.title as string | undefined) ?? tool.name,
    description: tool.description || `Calls the tool '${tool.name}' of server '${server}'.`,
    "x-mcp-server": server,
    "x-mcp-tool": tool.name,
    ...(annotations ? { "x-mcp-annotations": annotations } : {}),
    ...(error ? { "x-mcp-schema-error": error } : {}),
    parameters: [param("view"), param("timeout")],
    requestBody: {
      required,
      description: "The tool's arguments (an empty body is {})",
      content: { "application/json": { schema: ref(componentName(`${id}.input`)) } },
    },
    responses: callResponses(
      secured,
      ref(componentName(`${id}.result`)),
      ref(componentName(`${id}.data`)),
      `The result of '${tool.name}'`,
    ),
  };
}

interface StaticOp {
  id: string;
  tag: string;
  summary: string;
  description?: string;
  errors: number[];
  ok: Doc;
  params?: Doc[];
  body?: Doc;
  public?: boolean;
}

function operation(op: StaticOp, secured: boolean): Doc {
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

const jsonBody = (schema: Doc, required: boolean): Doc => ({
  required,
  content: { "application/json": { schema } },
});

function staticPaths(
  base: string,
  names: readonly string[],
  tools: readonly string[],
  secured: boolean,
): Doc {
  const server = serverParameter(names);
  const named = (name: string, what: string, values: readonly string[] = []): Doc => ({
    name,
    in: "path",
    required: true,
    description: what,
    schema: values.length > 0 ? { type: "string", enum: [...new Set(values)] } : { type: "string" },
  });
  const tool = named("tool", "A tool's name, as in `GET /v1/servers/{server}/tools`", tools);
  const o = (op: StaticOp) => operation(op, secured);
  return {
    "/healthz": {
      get: o({
        id: "getHealth",
        tag: "health",
        summary: "Liveness",
        public: true,
        errors: [403, 500],
        ok: ok("Alive", ref("Health")),
      }),
    },
    "/readyz": {
      get: o({
        id: "getReadiness",
        tag: "health",
        summary: "Readiness",
        description: "Each server's state; 503 when a required server, or every server, is down.",
        public: true,
        errors: [403, 500, 503],
        ok: ok("Ready or degraded", ref("Readiness")),
      }),
    },
    [`${base}/servers`]: {
      get: o({
        id: "listServers",
        tag: "servers",
        summary: "List the servers",
        errors: [],
        ok: ok("The servers", ref("ServerList")),
      }),
    },
    [`${base}/servers/{server}`]: {
      get: o({
        id: "getServer",
        tag: "servers",
        summary: "Describe a server",
        params: [server],
        errors: [404],
        ok: ok("The server", ref("Server")),
      }),
    },
    [`${base}/tools`]: {
      get: o({
        id: "listAllTools",
        tag: "tools",
        summary: "List the tools of every connected server",
        errors: [],
        ok: ok("The tools", ref("ServerToolList")),
      }),
    },
    [`${base}/servers/{server}/tools`]: {
      get: o({
        id: "listTools",
        tag: "tools",
        summary: "List a server's tools",
        params: [server],
        errors: SERVER_READ,
        ok: ok("The tools", ref("ToolList")),
      }),
    },
    [`${base}/servers/{server}/tools/{tool}`]: {
      get: o({
        id: "getTool",
        tag: "tools",
        summary: "Describe a tool",
        params: [server, tool],
        errors: SERVER_READ,
        ok: ok("The tool", ref("Tool")),
      }),
      post: {
        ...o({
          id: "callTool",
          tag: "tools",
          summary: "Call any tool",
          description: "Calls a tool by name; each tool also has its own typed operation.",
          params: [server, tool, param("view"), param("timeout")],
          body: jsonBody(
            { type: "object", additionalProperties: true, description: "The tool's arguments" },
            false,
          ),
          errors: [],
          ok: {},
        }),
        responses: callResponses(
          secured,
          ref("ToolResult"),
          { description: "the result's data" },
          "The tool's result",
        ),
      },
    },
    [`${base}/servers/{server}/resources`]: {
      get: o({
        id: "listResources",
        tag: "resources",
        summary: "List a server's resources",
        params: [server],
        errors: SERVER_READ,
        ok: ok("The resources (empty without the resources capability)", ref("ResourceList")),
      }),
    },
    [`${base}/servers/{server}/resource-templates`]: {
      get: o({
        id: "listResourceTemplates",
        tag: "resources",
        summary: "List a server's resource templates",
        params: [server],
        errors: SERVER_READ,
        ok: ok("The templates", ref("ResourceTemplateList")),
      }),
    },
    [`${base}/servers/{server}/resources/read`]: {
      get: o({
        id: "readResource",
        tag: "resources",
        summary: "Read a resource",
        description:
          "Answers `{ contents }`, or the first content's raw bytes with its media type for `raw=1` or an `Accept` that prefers another type than JSON (text with `charset=utf-8`).",
        params: [server, {
          name: "uri",
          in: "query",
          required: true,
          description: "The resource's absolute URI",
          schema: { type: "string", minLength: 1, maxLength: 8192 },
        }, {
          name: "raw",
          in: "query",
          required: false,
          description: "1 or true: the raw bytes; 0 or false: JSON",
          schema: { type: "string", enum: ["1", "true", "0", "false"] },
        }],
        errors: [400, ...SERVER_READ],
        ok: {
          "200": {
            description: "The contents, or the raw bytes",
            headers: { "X-Request-Id": { $ref: "#/components/headers/RequestId" } },
            content: {
              "application/json": { schema: ref("ReadResourceResult") },
              "*/*": { schema: { type: "string", contentMediaType: "application/octet-stream" } },
            },
          },
        },
      }),
    },
    [`${base}/servers/{server}/prompts`]: {
      get: o({
        id: "listPrompts",
        tag: "prompts",
        summary: "List a server's prompts",
        params: [server],
        errors: SERVER_READ,
        ok: ok("The prompts", ref("PromptList")),
      }),
    },
    [`${base}/servers/{server}/prompts/{prompt}`]: {
      post: o({
        id: "getPrompt",
        tag: "prompts",
        summary: "Get a prompt",
        params: [
          server,
          named("prompt", "A prompt's name, as in `GET /v1/servers/{server}/prompts`"),
        ],
        body: jsonBody(ref("PromptArguments"), false),
        errors: BODY,
        ok: ok("The prompt's messages", ref("GetPromptResult")),
      }),
    },
    [`${base}/servers/{server}/complete`]: {
      post: o({
        id: "complete",
        tag: "completion",
        summary: "Complete an argument",
        params: [server],
        body: jsonBody(ref("CompleteRequest"), true),
        errors: BODY,
        ok: ok("The completion", ref("CompleteResult")),
      }),
    },
    [`${base}/openapi.json`]: {
      get: o({
        id: "getOpenApi",
        tag: "openapi",
        summary: "This document",
        errors: [],
        ok: ok("The document", ref("OpenApiDocument")),
      }),
    },
    [`${base}/servers/{server}/openapi.json`]: {
      get: o({
        id: "getServerOpenApi",
        tag: "openapi",
        summary: "The document of one server",
        params: [server],
        errors: [404],
        ok: ok("The document", ref("OpenApiDocument")),
      }),
    },
    [`${base}/docs`]: {
      get: o({
        id: "getDocs",
        tag: "openapi",
        summary: "The docs page",
        errors: [],
        ok: {
          "200": {
            description: "An HTML page that renders this document",
            content: { "text/html": { schema: { type: "string" } } },
          },
        },
      }),
    },
  };
}

const { Unauthorized: _, ...withoutUnauthorized } = STATIC_COMPONENTS.responses as Doc;

const TAGS: [string, string][] = [
  ["health", "Liveness and readiness (no key needed)"],
  ["servers", "The MCP servers behind this API"],
  ["tools", "Every server's tools, generically"],
  ["resources", "Resources and resource templates"],
  ["prompts", "Prompts"],
  ["completion", "Argument completion"],
  ["openapi", "This document and its docs page"],
];

const DESCRIPTION = "MCP servers as HTTP/JSON. Every error is an RFC 9457 problem " +
  "(`application/problem+json`) with a stable `code`. Unknown query parameters and headers are " +
  "ignored; known ones with a bad value are a 400. A known path with another method answers 405 " +
  "with `Allow`.";

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
  const secured = options.secured ?? false;
  const schemas: Doc = { ...STATIC_SCHEMAS };
  const names = options.serverNames ?? servers.map((s) => s.name);
  const toolNames = servers.flatMap((s) => s.tools.map((t) => t.name));
  const paths: Doc = staticPaths(base, names, toolNames, secured);
  const used = new Set<string>();
  for (const server of servers) {
    for (const tool of server.tools) {
      const path = `${base}/servers/${encodeURIComponent(server.name)}/tools/${
        encodeURIComponent(tool.name)
      }`;
      paths[path] = { post: toolOperation(server.name, tool, schemas, used, secured) };
    }
  }
  const serverTags = servers.map((s) => ({
    name: s.name,
    description: s.description ?? `The tools of server '${s.name}'`,
  }));
  return {
    openapi: "3.1.0",
    info: {
      title: options.title ?? "mcpwire REST",
      version: options.version ?? "0.1.0",
      description: DESCRIPTION,
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: options.serverUrl ?? "/", description: "This binding" }],
    tags: [...TAGS.map(([name, description]) => ({ name, description })), ...serverTags],
    paths,
    components: {
      schemas,
      ...STATIC_COMPONENTS,
      responses: secured ? STATIC_COMPONENTS.responses : withoutUnauthorized,
      headers: {
        ...(STATIC_COMPONENTS.headers as Doc),
        ToolError: {
          description:
            "1 when the result has isError, else 0 (the name is the toolErrorHeader option)",
          schema: { type: "string", enum: ["0", "1"] },
        },
      },
      parameters: {
        view: {
          name: "view",
          in: "query",
          required: false,
          description: "`data` answers only the result's data (the `{tool}.data` schema)",
          schema: { type: "string", enum: ["data"] },
        },
        timeout: {
          name: "X-MCP-Timeout-Ms",
          in: "header",
          required: false,
          description: "The call's timeout in milliseconds (default 60 000); a bad value is a 400",
          schema: { type: "integer", minimum: 1, maximum: 86_400_000 },
        },
      },
      ...(secured
        ? {
          securitySchemes: {
            bearerAuth: { type: "http", scheme: "bearer", description: "One of the API keys" },
            basicAuth: {
              type: "http",
              scheme: "basic",
              description: "Any user, the key as password",
            },
          },
        }
        : {}),
    },
    // Without keys nothing is needed: an empty list says so (rather than leaving it undefined).
    security: secured ? [{ bearerAuth: [] }, { basicAuth: [] }] : [],
  };
}
