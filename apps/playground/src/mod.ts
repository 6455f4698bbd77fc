/**
 * The mcpwire playground: an in-memory demo server with every MCP feature, the web playground
 * (UI + REST binding + live events) and the `mcpwire` CLI. See this app's README.md.
 *
 * @example
 * ```ts
 * import { Client } from "@mcpwire/core";
 * import { createDemoServer } from "@mcpwire/playground";
 *
 * await using client = await new Client(createDemoServer()).connect();
 * console.log((await client.listTools()).map((t) => t.name));
 * ```
 *
 * @module
 */
export { createDemoServer, type DemoServerOptions } from "./demo-server.ts";
export {
  createPlayground,
  type Playground,
  type PlaygroundOptions,
  startPlayground,
  type StartPlaygroundOptions,
} from "./playground.ts";
export {
  generateToolTypes,
  type ToolDescription,
  type ToolTypesOptions,
  toType,
  typeName,
} from "./tool-types.ts";
