/**
 * The error hierarchy shared by every mcpwire package.
 *
 * Every error is an {@linkcode McpwireError} with a stable string `code`, so callers can branch on
 * `err.code` or on `instanceof`. Errors that came over the wire ({@linkcode McpError}) keep their
 * JSON-RPC code in `rpcCode`.
 *
 * @module
 */
import type { CallToolResult as ToolCallResult } from "@modelcontextprotocol/client";

/**
 * The string codes of core's errors, one per class. Each package owns the codes of its own
 * classes (`HTTP` and `AUTH` in `@mcpwire/transport-http`, `CONFIG` in `@mcpwire/config`, …).
 */
export type McpwireErrorCode =
  | "TOOL_ERROR"
  | "MCP_ERROR"
  | "TIMEOUT"
  | "CANCELLED"
  | "CONNECTION"
  | "NOT_CONNECTED"
  | "OUTPUT_VALIDATION"
  | "INPUT_VALIDATION"
  | "UNSUPPORTED_SOURCE"
  | "MISSING_PACKAGE";

/**
 * The root of mcpwire's errors.
 *
 * @example Branch on the code
 * ```ts
 * import { McpwireError } from "@mcpwire/core";
 * try {
 *   throw new McpwireError("CONNECTION", "server went away");
 * } catch (err) {
 *   if (err instanceof McpwireError && err.code === "CONNECTION") console.log("retry later");
 * }
 * ```
 */
export class McpwireError<Code extends string = string> extends Error {
  /** A stable string naming the kind of failure: the code of the error's class. */
  readonly code: Code;

  /**
   * @param code the stable code of this kind of failure (a package's own, for its classes)
   * @param message what happened, naming the server, tool, file or field
   * @param options `cause`, the underlying error
   */
  constructor(code: Code, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.name = "McpwireError";
  }

  /**
   * `instanceof` that also recognises errors made by another installed copy of `@mcpwire/core`
   * (two versions side by side): an error from a copy is an instance of this class when a class of
   * the same name, below a branded `McpwireError`, is in its prototype chain.
   *
   * @param value the value on the left of `instanceof`
   * @returns whether `value` is an instance of this class, or of its twin in another copy
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    return brandedClassNames(value).includes(this.name);
  }
}

/** Marks every copy's `McpwireError.prototype`; `Symbol.for` keys are shared across copies. */
const BRAND: unique symbol = Symbol.for("@mcpwire/core.McpwireError");
Object.defineProperty(McpwireError.prototype, BRAND, { value: true });

/** The class names from `value` up to a branded `McpwireError`, or none if it is not one. */
function brandedClassNames(value: unknown): string[] {
  const names: string[] = [];
  if (typeof value !== "object" || value === null) return names;
  for (let proto = Object.getPrototypeOf(value); proto; proto = Object.getPrototypeOf(proto)) {
    names.push(proto.constructor?.name);
    if (Object.hasOwn(proto, BRAND)) return names;
  }
  return [];
}

/**
 * A tool answered with `isError: true`. The message is the tool's first text block.
 *
 * @example
 * ```ts
 * import { ToolError } from "@mcpwire/core";
 * const err = new ToolError("divide", "division by zero", { content: [], isError: true });
 * console.log(err.toolName, err.message);
 * ```
 */
export class ToolError extends McpwireError<"TOOL_ERROR"> {
  /** The name of the tool that failed. */
  readonly toolName: string;
  /** The whole `tools/call` result the server sent (`isError: true`). */
  readonly result: ToolCallResult;

  /**
   * @param toolName the tool that failed
   * @param message the text the tool gave
   * @param result the full result, kept for inspection
   */
  constructor(toolName: string, message: string, result: ToolCallResult) {
    super("TOOL_ERROR", message);
    this.name = "ToolError";
    this.toolName = toolName;
    this.result = result;
  }
}

/**
 * The server answered a request with a JSON-RPC error. `rpcCode` is the wire code.
 *
 * @example
 * ```ts
 * import { McpError } from "@mcpwire/core";
 * const err = new McpError(-32601, "Method not found: tools/call");
 * console.log(err.rpcCode); // -32601
 * ```
 */
export class McpError extends McpwireError<"MCP_ERROR"> {
  /** The JSON-RPC error code from the server. */
  readonly rpcCode: number;
  /** The `data` member of the JSON-RPC error, if any. */
  readonly data: unknown;

  /**
   * @param rpcCode the JSON-RPC error code
   * @param message the error message
   * @param data the JSON-RPC error's `data`
   * @param options `cause`
   */
  constructor(rpcCode: number, message: string, data?: unknown, options?: ErrorOptions) {
    super("MCP_ERROR", message, options);
    this.name = "McpError";
    this.rpcCode = rpcCode;
    this.data = data;
  }
}

/**
 * A request took longer than its timeout. The request was cancelled on the server.
 *
 * @example
 * ```ts
 * import { TimeoutError } from "@mcpwire/core";
 * console.log(new TimeoutError("tools/call add timed out after 10 ms", 10).timeoutMs);
 * ```
 */
export class TimeoutError extends McpwireError<"TIMEOUT"> {
  /** The timeout that expired, in milliseconds. */
  readonly timeoutMs: number;

  /**
   * @param message what timed out, and on which server
   * @param timeoutMs the timeout that expired
   * @param options `cause`
   */
  constructor(message: string, timeoutMs: number, options?: ErrorOptions) {
    super("TIMEOUT", message, options);
    this.name = "TimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

/**
 * A request was aborted through its `signal`. The request was cancelled on the server.
 *
 * @example
 * ```ts
 * import { CancelledError } from "@mcpwire/core";
 * console.log(new CancelledError("tools/call slow was cancelled").code); // "CANCELLED"
 * ```
 */
export class CancelledError extends McpwireError<"CANCELLED"> {
  /**
   * @param message what was cancelled
   * @param options `cause`, the abort reason
   */
  constructor(message: string, options?: ErrorOptions) {
    super("CANCELLED", message, options);
    this.name = "CancelledError";
  }
}

/**
 * The connection to a server could not be made, or was lost.
 *
 * @example
 * ```ts
 * import { ConnectionError } from "@mcpwire/core";
 * console.log(new ConnectionError("server 'weather' exited with code 1").code); // "CONNECTION"
 * ```
 */
export class ConnectionError extends McpwireError<"CONNECTION"> {
  /**
   * @param message what failed, naming the server, command or URL
   * @param options `cause`
   */
  constructor(message: string, options?: ErrorOptions) {
    super("CONNECTION", message, options);
    this.name = "ConnectionError";
  }
}

/**
 * An operation was used on a client that is not connected.
 *
 * @example
 * ```ts
 * import { NotConnectedError } from "@mcpwire/core";
 * console.log(new NotConnectedError("call connect() first").code); // "NOT_CONNECTED"
 * ```
 */
export class NotConnectedError extends McpwireError<"NOT_CONNECTED"> {
  /**
   * @param message what was attempted
   */
  constructor(message: string) {
    super("NOT_CONNECTED", message);
    this.name = "NotConnectedError";
  }
}

/** Options of the validation errors: the `cause`, and the server the tool belongs to. */
export interface ValidationErrorOptions extends ErrorOptions {
  /** The server's name, added to the message. */
  server?: string;
}

function onServer(options: ValidationErrorOptions | undefined): string {
  return options?.server ? ` on server '${options.server}'` : "";
}

/** One failing location found by schema validation. */
export interface ValidationIssue {
  /** The path to the failing value, such as `["items", 0, "price"]`. */
  path: (string | number)[];
  /** What is wrong at that path. */
  message: string;
}

/**
 * Formats validation issues as `path: message` lines, `(root)` standing for the value itself.
 *
 * @param issues the issues to format
 * @returns one line per issue, joined with `; `
 * @example
 * ```ts
 * import { formatIssues } from "@mcpwire/core";
 * console.log(formatIssues([{ path: ["a"], message: "expected a number" }])); // "a: expected a number"
 * ```
 */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`)
    .join("; ");
}

/**
 * A tool's structured result did not match its output schema (or the `schema` option).
 *
 * @example
 * ```ts
 * import { OutputValidationError } from "@mcpwire/core";
 * const err = new OutputValidationError("add", [{ path: ["sum"], message: "expected a number" }]);
 * console.log(err.message);
 * ```
 */
export class OutputValidationError extends McpwireError<"OUTPUT_VALIDATION"> {
  /** The tool whose output failed. */
  readonly toolName: string;
  /** Every failing path. */
  readonly issues: ValidationIssue[];

  /**
   * @param toolName the tool whose output failed validation
   * @param issues the failing paths
   * @param options `cause`, and `server` to name it in the message
   */
  constructor(toolName: string, issues: ValidationIssue[], options?: ValidationErrorOptions) {
    super(
      "OUTPUT_VALIDATION",
      `output of tool '${toolName}'${onServer(options)} does not match its schema: ${
        formatIssues(issues)
      }`,
      options,
    );
    this.name = "OutputValidationError";
    this.toolName = toolName;
    this.issues = issues;
  }
}

/**
 * Arguments for a tool did not match the tool's input schema; nothing was sent.
 *
 * @example
 * ```ts
 * import { InputValidationError } from "@mcpwire/core";
 * const err = new InputValidationError("add", [{ path: ["a"], message: "expected a number" }]);
 * console.log(err.message);
 * ```
 */
export class InputValidationError extends McpwireError<"INPUT_VALIDATION"> {
  /** The tool whose arguments failed. */
  readonly toolName: string;
  /** Every failing argument path. */
  readonly issues: ValidationIssue[];

  /**
   * @param toolName the tool whose arguments failed validation
   * @param issues the failing paths
   * @param options `server` to name it in the message
   */
  constructor(toolName: string, issues: ValidationIssue[], options?: ValidationErrorOptions) {
    super(
      "INPUT_VALIDATION",
      `arguments for tool '${toolName}'${onServer(options)} do not match its input schema: ` +
        formatIssues(issues),
      options,
    );
    this.name = "InputValidationError";
    this.toolName = toolName;
    this.issues = issues;
  }
}

/**
 * What was given to `new Client()` is not something mcpwire can connect to.
 *
 * @example
 * ```ts
 * import { UnsupportedSourceError } from "@mcpwire/core";
 * console.log(new UnsupportedSourceError("cannot connect to 42").code); // "UNSUPPORTED_SOURCE"
 * ```
 */
export class UnsupportedSourceError extends McpwireError<"UNSUPPORTED_SOURCE"> {
  /**
   * @param message what was given and why it is not supported
   */
  constructor(message: string) {
    super("UNSUPPORTED_SOURCE", message);
    this.name = "UnsupportedSourceError";
  }
}

/**
 * The command that adds a package with the runtime in use: `deno add npm:…` on Deno (`jsr:…` when
 * core itself came from JSR), `bun add …` on Bun, `npm install …` elsewhere.
 */
function installCommand(packageName: string): string {
  if ("Deno" in globalThis) return `deno add ${FROM_JSR ? "jsr" : "npm"}:${packageName}`;
  if ("Bun" in globalThis) return `bun add ${packageName}`;
  return `npm install ${packageName}`;
}

/** Whether this copy of core was loaded from JSR, where optional packages must be imported once. */
const FROM_JSR = import.meta.url.startsWith("https:");

/**
 * A source needs an optional mcpwire package that is not installed. The message gives the command
 * that adds it with the runtime in use (`npm install`, `bun add`, `deno add`).
 *
 * @example
 * ```ts
 * import { MissingPackageError } from "@mcpwire/core";
 * const err = new MissingPackageError("@mcpwire/transport-stdio", "server.py");
 * console.log(err.message); // names the package to add
 * ```
 */
export class MissingPackageError extends McpwireError<"MISSING_PACKAGE"> {
  /** The package to install. */
  readonly packageName: string;
  /** The command that installs it with the runtime in use, such as `bun add @mcpwire/config`. */
  readonly installCommand: string;

  /**
   * @param packageName the package that is needed
   * @param forWhat the source that needs it
   * @param options `cause`, the import failure
   */
  constructor(packageName: string, forWhat: string, options?: ErrorOptions) {
    const command = installCommand(packageName);
    super(
      "MISSING_PACKAGE",
      `connecting to ${forWhat} needs ${packageName}, which is not installed: ` +
        `add it with \`${command}\`` +
        (FROM_JSR ? ` and import it once (\`import "${packageName}";\`)` : ""),
      options,
    );
    this.name = "MissingPackageError";
    this.packageName = packageName;
    this.installCommand = command;
  }
}
