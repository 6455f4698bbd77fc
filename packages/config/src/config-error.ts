import { McpwireError } from "@mcpwire/core";

/** Where in a config a {@linkcode ConfigError} was found. */
export interface ConfigErrorLocation {
  /** The config file, when the config came from a file. */
  file?: string;
  /** 1-based line in the file. */
  line?: number;
  /** 1-based column in the file. */
  column?: number;
  /** The JSON path of the failing value, such as `mcpServers.weather.command`. */
  path?: string;
}

/**
 * An `mcpServers` config is malformed: a syntax error (with file, line and column), a schema error
 * (with the JSON path), a missing variable, or names that collide.
 *
 * @example
 * ```ts
 * import { ConfigError } from "@mcpwire/config";
 * const err = new ConfigError("expected a string", { file: "mcp.json", path: "mcpServers.a.command" });
 * console.log(err.code, err.message); // CONFIG mcp.json: mcpServers.a.command: expected a string
 * ```
 */
export class ConfigError extends McpwireError<"CONFIG"> {
  /** The config file, if known. */
  readonly file: string | undefined;
  /** 1-based line, if known. */
  readonly line: number | undefined;
  /** 1-based column, if known. */
  readonly column: number | undefined;
  /** The JSON path of the failing value, if any. */
  readonly path: string | undefined;

  /**
   * @param detail what is wrong
   * @param location the file, line, column and JSON path, each prefixed to the message when given
   * @param options `cause`
   */
  constructor(detail: string, location: ConfigErrorLocation = {}, options?: ErrorOptions) {
    super("CONFIG", formatMessage(detail, location), options);
    this.name = "ConfigError";
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
    this.path = location.path;
  }
}

function formatMessage(detail: string, { file, line, column, path }: ConfigErrorLocation): string {
  let where = file ?? "";
  if (file !== undefined && line !== undefined) where += `:${line}:${column ?? 1}`;
  const parts = [where, path, detail].filter((part) => part !== undefined && part !== "");
  return parts.join(": ");
}
