// The fixed routes of the OpenAPI document: health, servers, tool listings, resources, prompts,
// completion, and the document itself. Tool operations and task routes are added beside them.
import {
  BODY,
  callResponses,
  jsonBody,
  operation,
  param,
  ref,
  SERVER_READ,
  type StaticOp,
} from "./_openapi-ops.ts";
import { ok, serverParameter } from "./_openapi-static.ts";

type Doc = Record<string, unknown>;

/** The fixed paths; `names` and `tools` are the live servers' and tools' names (the enums). */
export function staticPaths(
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
          description:
            "Calls a tool by name; each tool also has its own typed operation. With `mode=task` " +
            "(or `Prefer: respond-async`) a tool that runs as an MCP task is started as a job: " +
            "202 with the task and its `Location`.",
          params: [
            server,
            tool,
            param("view"),
            param("mode"),
            param("prefer"),
            param("timeout"),
            param("maxTimeout"),
          ],
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
          true,
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
