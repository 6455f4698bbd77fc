/**
 * The body of `Client.callTool`: input check, progress routing, the call (on the session's direct
 * path when it has one, else through the SDK `Client`), the typed result.
 */
import type { Tool } from "@modelcontextprotocol/client";
import { InputValidationError } from "./errors.ts";
import { checkToolResult } from "./_check-tool-result.ts";
import { validateJsonSchema } from "./_json-schema.ts";
import { mapError } from "./_map-error.ts";
import type { Session } from "./_session.ts";
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
  const onProgress = options.onProgress ?? defaults.progressHandler;
  const token = onProgress ? session.trackProgress(onProgress) : undefined;
  const meta = token ? { ...options.meta, progressToken: token } : options.meta;
  const timeout = options.timeout ?? defaults.timeout;
  const params = { name, arguments: args, ...(meta && { _meta: meta }) };
  const direct = session.direct;
  let raw: RawToolResult;
  try {
    raw = direct
      ? checkToolResult(
        await direct.request("tools/call", params, { timeout, signal: options.signal }),
      )
      : await session.sdk.callTool(
        params,
        { timeout, signal: options.signal, toolDefinition: entry?.definition },
      ) as RawToolResult;
  } catch (error) {
    const what = `tools/call '${name}'`;
    const server = session.serverName;
    throw mapError(error, { server, what, timeout, signal: options.signal, lost: session.lost });
  } finally {
    if (token) await session.untrackProgress(token);
  }
  const server = session.serverName;
  const result = toCallToolResult(raw, name, entry?.tool, options.raiseOnError !== false, server);
  return options.schema ? await applySchema(result, options.schema, name, server) : result;
}
