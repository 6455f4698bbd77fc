/**
 * Adapts the user's sampling, elicitation and roots handlers to server-request handlers, and
 * declares exactly the capabilities that have a handler.
 */
import type {
  Client as SdkClient,
  ClientCapabilities,
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestParams,
  ElicitResult,
  Root,
} from "@modelcontextprotocol/client";
import { McpError } from "./errors.ts";
import type { ServerRequestHandler } from "./_serve.ts";
import type {
  ClientOptions,
  JsonSchema,
  LogMessage,
  RequestContext,
  RootInput,
  RootsOption,
} from "./types.ts";
import { isObject } from "./_is-object.ts";

/** The capabilities to declare: one per handler that exists, never one without. */
export function capabilitiesFor(
  options: ClientOptions,
  roots: RootsOption | undefined,
): ClientCapabilities {
  const capabilities: ClientCapabilities = {};
  if (options.samplingHandler) capabilities.sampling = {};
  if (options.elicitationHandler) {
    capabilities.elicitation = { form: { applyDefaults: true }, url: {} };
  }
  if (roots) capabilities.roots = { listChanged: true };
  return capabilities;
}

/**
 * The server requests this client answers, one handler per declared capability: the request
 * engine serves them on the legacy era, the SDK `Client` (through {@linkcode registerHandlers})
 * on the 2026-07-28 era.
 */
export function requestHandlers(
  options: ClientOptions,
  getRoots: () => RootsOption | undefined,
): Map<string, ServerRequestHandler> {
  const handlers = new Map<string, ServerRequestHandler>();
  const { samplingHandler, elicitationHandler } = options;
  if (samplingHandler) {
    handlers.set("sampling/createMessage", async (params, context) => {
      if (!Array.isArray(params.messages)) throw invalidParams("sampling: messages is not a list");
      const p = params as unknown as CreateMessageRequestParams;
      const out = await samplingHandler(p.messages, p, context);
      return typeof out === "string" ? textResult(out) : out;
    });
  }
  if (elicitationHandler) {
    handlers.set("elicitation/create", async (params, context) => {
      if (typeof params.message !== "string") throw invalidParams("elicitation: no message");
      const p = { ...params, mode: params.mode ?? "form" } as unknown as ElicitRequestParams;
      const schema = p.mode === "url" ? undefined : p.requestedSchema as JsonSchema;
      if (p.mode !== "url" && !isObject(schema)) throw invalidParams("elicitation: no schema");
      const result = toElicitResult(
        await elicitationHandler(p.message, schema, p, context),
        schema,
      );
      if (schema && result.content) applyDefaults(schema, result.content);
      return result;
    });
  }
  if (getRoots()) {
    handlers.set("roots/list", async (_params, context) => {
      const option = getRoots() ?? [];
      const list = typeof option === "function" ? await option(context) : option;
      return { roots: list.map(toRoot) };
    });
  }
  return handlers;
}

/** Registers the handlers on an SDK `Client` (the 2026-07-28 era, where the SDK serves them). */
export function registerHandlers(
  sdk: SdkClient,
  handlers: Map<string, ServerRequestHandler>,
): void {
  for (const [method, handler] of handlers) {
    sdk.setRequestHandler(
      method as "roots/list",
      ((request: { params?: Record<string, unknown> }, ctx: SdkContext) =>
        handler(request.params ?? {}, contextOf(ctx))) as never,
    );
  }
}

type SdkContext = { mcpReq: { id: string | number; signal: AbortSignal } };

function contextOf(ctx: SdkContext): RequestContext {
  return { requestId: ctx.mcpReq.id, signal: ctx.mcpReq.signal };
}

function invalidParams(message: string): McpError {
  return new McpError(-32602, `Invalid params: ${message}`);
}

/** Fills what the user left out of accepted content with the schema's defaults (as the SDK). */
function applyDefaults(schema: JsonSchema, data: unknown): void {
  if (!isObject(data)) return;
  if (schema.type === "object" && isObject(schema.properties)) {
    for (const [key, property] of Object.entries(schema.properties)) {
      if (!isObject(property)) continue;
      if (data[key] === undefined && Object.hasOwn(property, "default")) {
        data[key] = property.default;
      }
      if (data[key] !== undefined) applyDefaults(property, data[key]);
    }
  }
  for (const sub of [schema.anyOf, schema.oneOf]) {
    if (Array.isArray(sub)) { for (const s of sub) if (isObject(s)) applyDefaults(s, data); }
  }
}

function textResult(text: string): CreateMessageResult {
  return { role: "assistant", model: "mcpwire", content: { type: "text", text } };
}

const ACTIONS = new Set(["accept", "decline", "cancel"]);

/** Turns what an elicitation handler returned into an `ElicitResult`. */
export function toElicitResult(out: unknown, schema: JsonSchema | undefined): ElicitResult {
  if (isObject(out) && typeof out.action === "string" && ACTIONS.has(out.action)) {
    if (out.action !== "accept") return { action: out.action as "decline" | "cancel" };
    return schema
      ? { action: "accept", content: contentOf(out.content ?? {}, schema) }
      : { action: "accept" };
  }
  if (!schema) return { action: "accept" };
  return { action: "accept", content: contentOf(out ?? {}, schema) };
}

function contentOf(value: unknown, schema: JsonSchema): NonNullable<ElicitResult["content"]> {
  if (isObject(value)) return value as NonNullable<ElicitResult["content"]>;
  const properties = isObject(schema.properties) ? Object.keys(schema.properties) : [];
  if (properties.length === 1 && properties[0] === "value") {
    return { value } as NonNullable<ElicitResult["content"]>;
  }
  throw new TypeError(
    `the elicitation handler returned ${JSON.stringify(value)}; return an object matching the ` +
      `requested schema, or { action: "decline" | "cancel" }`,
  );
}

/**
 * Converts a root given as a path, a `file://` URL or a `Root` into a `Root`.
 *
 * @throws {TypeError} for a relative path when the runtime has no working directory, or a non-file URL
 */
export function toRoot(input: RootInput): Root {
  if (input instanceof URL) return toRoot(input.href);
  if (typeof input !== "string") return { ...input, uri: toRoot(input.uri).uri };
  if (input.startsWith("file://")) return { uri: input };
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(input)) {
    throw new TypeError(`root '${input}' is not a file:// URL or a path`);
  }
  return { uri: pathToFileUrl(input) };
}

function pathToFileUrl(path: string): string {
  let absolute = path.replaceAll("\\", "/");
  const windows = /^[a-z]:\//i.test(absolute);
  if (!windows && !absolute.startsWith("/")) {
    const cwd = (globalThis as { process?: { cwd?: () => string } }).process?.cwd?.();
    if (!cwd) {
      throw new TypeError(`root '${path}' is relative; give an absolute path or a file:// URL`);
    }
    absolute = `${cwd.replaceAll("\\", "/").replace(/\/$/, "")}/${absolute.replace(/^\.\//, "")}`;
  }
  const url = new URL("file://");
  url.pathname = windows ? `/${absolute}` : absolute;
  return url.href;
}

/** The default log handler: warnings and worse to stderr, nothing to stdout. */
export function defaultLogHandler(server: () => string): (message: LogMessage) => void {
  const loud = new Set(["warning", "error", "critical", "alert", "emergency"]);
  return (message) => {
    if (!loud.has(message.level)) return;
    const data = typeof message.data === "string" ? message.data : JSON.stringify(message.data);
    const logger = message.logger ? ` (${message.logger})` : "";
    console.error(`[${server()}] ${message.level}${logger}: ${data}`);
  };
}
