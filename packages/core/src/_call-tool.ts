/**
 * The body of `Client.callTool`: input check, the call (on the request engine in the legacy era,
 * with its progress; through the SDK `Client` in the 2026-07-28 era), the typed result.
 */
import type { Tool } from "@modelcontextprotocol/client";
import { InputValidationError } from "./errors.ts";
import { checkToolResult } from "./_check-tool-result.ts";
import { validateJsonSchema } from "./_json-schema.ts";
import { mapError } from "./_map-error.ts";
import type { Session } from "./_session.ts";
import { requestOptions } from "./_connection.ts";
import type { EngineRequestOptions } from "./_engine.ts";
import { LocalError } from "./_rpc-errors.ts";
import { applySchema, type RawToolResult, toCallToolResult } from "./_tool-result.ts";
import type { StandardSchemaV1 } from "./standard-schema.ts";
import type { CallToolOptions, CallToolResult, ClientOptions } from "./types.ts";

/**
 * Calls a tool over a ready session.
 *
 * @param listTools lists (and indexes) the tools when the session has no index yet
 */
export async function callTool(
  session: Session,
  name: string,
  args: Record<string, unknown>,
  options: CallToolOptions<StandardSchemaV1 | undefined>,
  defaults: Readonly<ClientOptions>,
  listTools: () => Promise<Tool[]>,
): Promise<CallToolResult> {
  if (!session.tools) await session.loadTools(listTools);
  const entry = session.tools?.get(name);
  if (entry) {
    const issues = validateJsonSchema(entry.tool.inputSchema, args);
    if (issues.length > 0) {
      throw new InputValidationError(name, issues, { server: session.serverName });
    }
  }
  const o: EngineRequestOptions = requestOptions(
    options,
    defaults,
    options.onProgress ?? defaults.progressHandler,
  );
  const params = options.meta
    ? { name, arguments: args, _meta: options.meta }
    : { name, arguments: args };
  let raw: RawToolResult;
  try {
    raw = session.era === "legacy"
      ? checkToolResult(await session.send("tools/call", params, o))
      : await modernCall(session, params, o, entry?.definition);
  } catch (error) {
    const what = `tools/call '${name}'`;
    const server = session.serverName;
    throw mapError(error, { server, what, ...o, lost: session.lost });
  }
  const result = toCallToolResult(raw, name, entry?.tool, options.raiseOnError !== false, session);
  return options.schema
    ? await applySchema(result, options.schema, name, session.serverName)
    : result;
}

/** A tool call through the SDK `Client` (the 2026-07-28 era: `_meta` envelope, `input_required`). */
async function modernCall(
  session: Session,
  params: { name: string; arguments: Record<string, unknown>; _meta?: Record<string, unknown> },
  options: EngineRequestOptions,
  toolDefinition: Tool | undefined,
): Promise<RawToolResult> {
  const sdk = session.sdk;
  if (!sdk?.transport || !session.era) throw new LocalError("NOT_CONNECTED", "Not connected");
  const { onProgress, ...rest } = options;
  const token = onProgress ? session.trackProgress(onProgress) : undefined;
  const meta = token ? { ...params._meta, progressToken: token } : params._meta;
  try {
    return await sdk.callTool({ ...params, ...(meta && { _meta: meta }) }, {
      ...rest,
      toolDefinition,
    }) as RawToolResult;
  } finally {
    if (token) await session.untrackProgress(token);
  }
}
