/**
 * Adapts the user's sampling, elicitation and roots handlers to SDK request handlers, and
 * declares exactly the capabilities that have a handler.
 */
import type {
  Client as SdkClient,
  ClientCapabilities,
  CreateMessageResult,
  ElicitResult,
  Root,
} from "@modelcontextprotocol/client";
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

/** Registers a request handler for each declared capability. */
export function registerHandlers(
  sdk: SdkClient,
  options: ClientOptions,
  getRoots: () => RootsOption | undefined,
): void {
  const { samplingHandler, elicitationHandler } = options;
  if (samplingHandler) {
    sdk.setRequestHandler("sampling/createMessage", async (request, ctx) => {
      const { params } = request;
      const out = await samplingHandler(params.messages, params, contextOf(ctx));
      return typeof out === "string" ? textResult(out) : out;
    });
  }
  if (elicitationHandler) {
    sdk.setRequestHandler("elicitation/create", async (request, ctx) => {
      const params = request.params;
      const schema = params.mode === "url" ? undefined : params.requestedSchema as JsonSchema;
      const out = await elicitationHandler(params.message, schema, params, contextOf(ctx));
      return toElicitResult(out, schema);
    });
  }
  if (getRoots()) {
    sdk.setRequestHandler("roots/list", async (_request, ctx) => {
      const option = getRoots() ?? [];
      const list = typeof option === "function" ? await option(contextOf(ctx)) : option;
      return { roots: list.map(toRoot) };
    });
  }
}

function contextOf(ctx: { mcpReq: { id: string | number; signal: AbortSignal } }): RequestContext {
  return { requestId: ctx.mcpReq.id, signal: ctx.mcpReq.signal };
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
