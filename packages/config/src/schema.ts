/**
 * The zod schemas of an `mcpServers` config, after {@linkcode parseConfig} has brought it to the
 * canonical shape `{ mcpServers: { name: entry }, inputs? }`.
 *
 * @module
 */
import { z } from "zod";

/** Keys every server entry may have, stdio or remote. */
export interface CommonServerConfig {
  /** Connect timeout and default request timeout for this server, in milliseconds. */
  timeout?: number;
  /** When true the server is listed but never connected. */
  disabled?: boolean;
  /** Only these tools (original names) are exposed. */
  includeTools?: string[];
  /** These tools (original names) are hidden. */
  excludeTools?: string[];
  /** Unknown keys are kept and ignored. */
  [key: string]: unknown;
}

/** A server launched as a subprocess and spoken to over stdin/stdout. */
export interface StdioServerConfig extends CommonServerConfig {
  /** `"stdio"` when given. */
  type?: "stdio";
  /** `"stdio"` when given. */
  transport?: "stdio";
  /** The executable to run, such as `npx`, `uvx` or `node`. */
  command: string;
  /** Its arguments. */
  args?: string[];
  /** Environment variables for the subprocess. */
  env?: Record<string, string>;
  /** Working directory of the subprocess. */
  cwd?: string;
  /** Keep the subprocess alive between `await using` blocks (FastMCP's `keep_alive`). */
  keepAlive?: boolean;
}

/** The protocols a remote server may be spoken to with. */
export type RemoteTransportType = "http" | "streamable-http" | "sse";

/** A server reached over Streamable HTTP or legacy SSE. */
export interface RemoteServerConfig extends CommonServerConfig {
  /** The server's URL. */
  url: string;
  /** `http`/`streamable-http` or `sse`; inferred from the URL (`…/sse`) when absent. */
  transport?: RemoteTransportType;
  /** VS Code's spelling of `transport`. */
  type?: RemoteTransportType;
  /** Extra HTTP headers sent with every request. */
  headers?: Record<string, string>;
  /** A bearer token, `"oauth"`, or an auth object understood by `@mcpwire/transport-http`. */
  auth?: string | Record<string, unknown>;
}

/** One entry of `mcpServers`. */
export type ServerConfig = StdioServerConfig | RemoteServerConfig;

/** A VS Code input definition, asked for through the `inputs` callback on `${input:id}`. */
export interface InputDefinition {
  /** The id used in `${input:id}`. */
  id: string;
  /** `promptString` or `pickString` in VS Code. */
  type?: string;
  /** What to ask the user. */
  description?: string;
  /** Whether the value is secret. */
  password?: boolean;
  /** Unknown keys are kept. */
  [key: string]: unknown;
}

/** A config in canonical shape. */
export interface McpConfig {
  /** Every server by name. */
  mcpServers: Record<string, ServerConfig>;
  /** VS Code input definitions. */
  inputs?: InputDefinition[];
  /** Unknown keys are kept and ignored. */
  [key: string]: unknown;
}

const stringMap = z.record(z.string(), z.string());
const stringList = z.array(z.string());

const common = {
  timeout: z.number().positive().optional(),
  disabled: z.boolean().optional(),
  includeTools: stringList.optional(),
  excludeTools: stringList.optional(),
};

/**
 * The schema of a stdio entry.
 *
 * @example
 * ```ts
 * import { stdioServerSchema } from "@mcpwire/config";
 * console.log(stdioServerSchema.safeParse({ command: "npx", args: ["-y", "x"] }).success); // true
 * ```
 */
export const stdioServerSchema: z.ZodType<StdioServerConfig> = z.looseObject({
  ...common,
  type: z.literal("stdio").optional(),
  transport: z.literal("stdio").optional(),
  command: z.string().min(1),
  args: stringList.optional(),
  env: stringMap.optional(),
  cwd: z.string().optional(),
  keepAlive: z.boolean().optional(),
});

const remoteType = z.enum(["http", "streamable-http", "sse"]);

/**
 * The schema of a remote (Streamable HTTP or SSE) entry.
 *
 * @example
 * ```ts
 * import { remoteServerSchema } from "@mcpwire/config";
 * console.log(remoteServerSchema.safeParse({ url: "https://example.com/mcp" }).success); // true
 * ```
 */
export const remoteServerSchema: z.ZodType<RemoteServerConfig> = z.looseObject({
  ...common,
  url: z.string().min(1),
  transport: remoteType.optional(),
  type: remoteType.optional(),
  headers: stringMap.optional(),
  auth: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
});

/**
 * The schema of one entry: stdio when it has `command`, remote when it has `url`.
 *
 * @example
 * ```ts
 * import { serverConfigSchema } from "@mcpwire/config";
 * console.log(serverConfigSchema.safeParse({ url: "http://127.0.0.1:3000/mcp" }).success); // true
 * ```
 */
export const serverConfigSchema: z.ZodType<ServerConfig> = z.union([
  stdioServerSchema,
  remoteServerSchema,
]);

/**
 * The schema of a VS Code input definition.
 *
 * @example
 * ```ts
 * import { inputDefinitionSchema } from "@mcpwire/config";
 * console.log(inputDefinitionSchema.safeParse({ id: "api-key", type: "promptString" }).success);
 * ```
 */
export const inputDefinitionSchema: z.ZodType<InputDefinition> = z.looseObject({
  id: z.string().min(1),
  type: z.string().optional(),
  description: z.string().optional(),
  password: z.boolean().optional(),
});

/**
 * The schema of a config in canonical shape. {@linkcode parseConfig} accepts more shapes and gives
 * clearer errors; use this schema to compose with your own.
 *
 * @example
 * ```ts
 * import { mcpConfigSchema } from "@mcpwire/config";
 * const ok = mcpConfigSchema.safeParse({ mcpServers: { echo: { command: "node" } } }).success;
 * console.log(ok); // true
 * ```
 */
export const mcpConfigSchema: z.ZodType<McpConfig> = z.looseObject({
  mcpServers: z.record(z.string(), serverConfigSchema),
  inputs: z.array(inputDefinitionSchema).optional(),
});
