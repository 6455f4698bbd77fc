/**
 * The OpenAPI 3.1 document of a REST app, built from the servers' live tool lists.
 *
 * @module
 */
import { callResponses, param, ref } from "./_openapi-ops.ts";
import { staticPaths } from "./_openapi-paths.ts";
import { serverParameter, STATIC_COMPONENTS, STATIC_SCHEMAS } from "./_openapi-static.ts";
import { TASK_COMPONENTS, TASK_SCHEMAS, taskPaths } from "./_openapi-tasks.ts";
import { componentName, moveSchema } from "./_schema.ts";
import type { ToolInfo } from "./upstream-client.ts";

/** One server's part of the document. */
export interface OpenApiServer {
  /** The server's name, as used in routes and as the tag. */
  name: string;
  /** Its tools. */
  tools: readonly ToolInfo[];
  /** A description for its tag (the server's instructions or title). */
  description?: string;
  /** Whether it runs tools as MCP tasks (its `tasks` capability): task routes for its tools. */
  tasks?: boolean;
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

/** How a tool runs as a task: `required`, `optional`, or not at all (undefined). */
function taskSupport(s: OpenApiServer, tool: ToolInfo): "required" | "optional" | undefined {
  const support = (tool.execution as Doc | undefined)?.taskSupport;
  return s.tasks && (support === "required" || support === "optional") ? support : undefined;
}

const TASK_NOTE = {
  required: " Runs as an MCP task on the server: without `mode=task` the call waits for its end; " +
    "with it, 202 and the task (`GET …/tasks/{task}`).",
  optional: " Can run as an MCP task: `mode=task` (or `Prefer: respond-async`) answers 202 and " +
    "the task (`GET …/tasks/{task}`).",
};

function toolOperation(
  s: OpenApiServer,
  tool: ToolInfo,
  components: Doc,
  used: Set<string>,
  secured: boolean,
): Doc {
  const server = s.name;
  const support = taskSupport(s, tool);
  const task = support !== undefined;
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
    description: (tool.description || `Calls the tool '${tool.name}' of server '${server}'.`) +
      (support ? TASK_NOTE[support] : ""),
    "x-mcp-server": server,
    "x-mcp-tool": tool.name,
    ...(annotations ? { "x-mcp-annotations": annotations } : {}),
    ...(error ? { "x-mcp-schema-error": error } : {}),
    parameters: task
      ? [param("view"), param("mode"), param("prefer"), param("timeout"), param("maxTimeout")]
      : [param("view"), param("timeout"), param("maxTimeout")],
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
      task,
    ),
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
  ["tasks", "Tool calls run as MCP tasks (jobs): status, result, cancel"],
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
  const schemas: Doc = { ...STATIC_SCHEMAS, ...TASK_SCHEMAS };
  const names = options.serverNames ?? servers.map((s) => s.name);
  const toolNames = servers.flatMap((s) => s.tools.map((t) => t.name));
  const paths: Doc = {
    ...staticPaths(base, names, toolNames, secured),
    ...taskPaths(base, serverParameter(names), secured),
  };
  const used = new Set<string>();
  for (const server of servers) {
    for (const tool of server.tools) {
      const path = `${base}/servers/${encodeURIComponent(server.name)}/tools/${
        encodeURIComponent(tool.name)
      }`;
      paths[path] = { post: toolOperation(server, tool, schemas, used, secured) };
    }
  }
  // A server named like a fixed tag ("tools", "tasks", …) shares that tag rather than repeat it.
  const fixed = new Set(TAGS.map(([name]) => name));
  const serverTags = servers.filter((s) => !fixed.has(s.name)).map((s) => ({
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
      responses: {
        ...(secured ? STATIC_COMPONENTS.responses as Doc : withoutUnauthorized),
        ...TASK_COMPONENTS.responses,
      },
      headers: {
        ...(STATIC_COMPONENTS.headers as Doc),
        ToolError: {
          description:
            "1 when the result has isError, else 0 (the name is the toolErrorHeader option)",
          schema: { type: "string", enum: ["0", "1"] },
        },
      },
      parameters: {
        ...TASK_COMPONENTS.parameters,
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
        maxTimeout: {
          name: "X-MCP-Max-Timeout-Ms",
          in: "header",
          required: false,
          description:
            "The most the call may take in all, in milliseconds, even when progress restarts its " +
            "timeout; past it the call ends with a 504 (or an error event); a bad value is a 400",
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
