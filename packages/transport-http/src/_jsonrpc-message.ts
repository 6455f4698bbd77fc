// A hand-written check of incoming JSON-RPC messages. The SDK's `parseJSONRPCMessage` is a zod
// union of four strict schemas and costs tens of µs per message (and loading the SDK and zod);
// this check accepts only messages that parse would return unchanged, and leaves every other
// value to parse itself, loaded then, so a malformed message fails with exactly the SDK's error.
import type { JSONRPCMessage } from "@modelcontextprotocol/client";
import { loadSdk } from "./_load-sdk.ts";

const RELATED_TASK = "io.modelcontextprotocol/related-task";
const SERVER_INFO = "io.modelcontextprotocol/serverInfo";

type Fields = Record<string, unknown>;

/**
 * Whether `value` is a JSON-RPC 2.0 message as MCP defines it and the SDK's schema accepts it:
 * a request (`id` string or safe integer, `method` string, `params` object), a notification
 * (`method`, no `id`), a result response (`id`, `result` object) or an error response (optional
 * `id`, `error` with integer `code` and string `message`), with no other member. It also says
 * no to the few valid messages the SDK's parse would change (an unknown member of `error` or of
 * a related-task entry, a `serverInfo` in a result's `_meta`); those go through the SDK.
 */
export function isJsonRpcMessage(value: unknown): value is JSONRPCMessage {
  if (!isObject(value) || value.jsonrpc !== "2.0") return false;
  let id = false, method = false, params = false, result = false, error = false;
  for (const key in value) {
    switch (key) {
      case "jsonrpc":
        break;
      case "id":
        id = true;
        break;
      case "method":
        method = true;
        break;
      case "params":
        params = true;
        break;
      case "result":
        result = true;
        break;
      case "error":
        error = true;
        break;
      default:
        return false;
    }
  }
  if (id && !isId(value.id)) return false;
  if (method) {
    return !result && !error && typeof value.method === "string" &&
      (!params || isParams(value.params));
  }
  if (params) return false;
  if (result) return id && !error && isResult(value.result);
  return error && isError(value.error);
}

/**
 * `value` as a message: itself when {@linkcode isJsonRpcMessage} accepts it (synchronously),
 * else a promise of what the SDK's `parseJSONRPCMessage` makes of it.
 *
 * @throws (rejects with) the SDK's validation error for anything that is not a JSON-RPC message
 */
export function toJsonRpcMessage(value: unknown): JSONRPCMessage | Promise<JSONRPCMessage> {
  return isJsonRpcMessage(value) ? value : loadSdk().then((sdk) => sdk.parseMessage(value));
}

function isObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isId(value: unknown): boolean {
  return typeof value === "string" || Number.isSafeInteger(value);
}

function isParams(params: unknown): boolean {
  if (!isObject(params)) return false;
  const meta = params._meta;
  if (meta === undefined) return true;
  if (!isObject(meta)) return false;
  if (meta.progressToken !== undefined && !isId(meta.progressToken)) return false;
  const task = meta[RELATED_TASK];
  if (task === undefined) return true;
  if (!isObject(task) || typeof task.taskId !== "string") return false;
  for (const key in task) if (key !== "taskId") return false;
  return true;
}

function isResult(result: unknown): boolean {
  if (!isObject(result)) return false;
  const meta = result._meta;
  return meta === undefined || (isObject(meta) && !(SERVER_INFO in meta));
}

function isError(error: unknown): boolean {
  if (!isObject(error)) return false;
  if (!Number.isSafeInteger(error.code) || typeof error.message !== "string") return false;
  for (const key in error) {
    if (key !== "code" && key !== "message" && key !== "data") return false;
  }
  return true;
}
