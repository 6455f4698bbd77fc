/**
 * `@mcpwire/bindings-rest`: any MCP server as plain HTTP/JSON with an OpenAPI 3.1 document, as a
 * Hono app that runs on Node, Deno and Bun.
 *
 * @example
 * ```ts ignore
 * import { createRestApp, serve } from "@mcpwire/bindings-rest";
 * const app = createRestApp({ mcpServers: { time: { command: "uvx", args: ["mcp-server-time"] } } });
 * const server = await serve(app, { port: 8787 });
 * // curl -X POST http://127.0.0.1:8787/v1/servers/time/tools/get_current_time -d '{"timezone":"UTC"}' -H 'content-type: application/json'
 * ```
 *
 * @module
 */
export { createRestApp, type RestApp, type RestAppOptions } from "./app.ts";
export { buildOpenApi, type OpenApiOptions, type OpenApiServer, operationId } from "./openapi.ts";
export {
  type Problem,
  PROBLEM_STATUS,
  type ProblemCode,
  ProblemError,
  problemResponse,
} from "./problem.ts";
export { type RunningServer, serve, type ServeOptions } from "./serve.ts";
export type {
  CallOptions,
  InitializeInfo,
  JsonObject,
  PromptInfo,
  ToolCallResult,
  ToolInfo,
  UpstreamClient,
} from "./upstream-client.ts";
export {
  Upstream,
  type UpstreamLog,
  type UpstreamOptions,
  Upstreams,
  type UpstreamState,
} from "./upstreams.ts";
export type { CorsOptions } from "./_security.ts";
