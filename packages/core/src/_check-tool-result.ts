/**
 * The shape check of a raw `tools/call` result on the direct path: by hand, what the SDK's
 * 2025-era wire schema checks with zod (`content` defaulting to `[]`, `resultType` dropped).
 */
import { LocalError } from "./_rpc-errors.ts";
import type { RawToolResult } from "./_tool-result.ts";
import { isObject } from "./_is-object.ts";

/** Keys of other result families that may not default into an empty tool result. */
const FOREIGN_KEYS = ["task", "inputRequests", "requestState"];

/** The string members each content block type requires. */
const BLOCKS: Record<string, readonly string[]> = {
  text: ["text"],
  image: ["data", "mimeType"],
  audio: ["data", "mimeType"],
  resource_link: ["uri", "name"],
  resource: [],
};

/**
 * Checks a raw result and returns it as a {@linkcode RawToolResult}.
 *
 * @throws {LocalError} `INVALID_RESULT`, with the SDK's message prefix, naming the first problem
 */
export function checkToolResult(raw: unknown): RawToolResult {
  if (!isObject(raw)) return invalid("expected an object");
  let result = raw as RawToolResult;
  if ("resultType" in result) {
    result = { ...result };
    delete result.resultType;
  }
  if (result.content === undefined) {
    const foreign = FOREIGN_KEYS.find((key) => key in result);
    if (foreign) return invalid(`content is required when the body carries '${foreign}'`);
    result = { ...result, content: [] };
  }
  const content = result.content;
  if (!Array.isArray(content)) return invalid("content: expected an array");
  for (let i = 0; i < content.length; i++) {
    const problem = blockProblem(content[i]);
    if (problem) return invalid(`content.${i}: ${problem}`);
  }
  if (result.structuredContent !== undefined && !isObject(result.structuredContent)) {
    return invalid("structuredContent: expected an object");
  }
  if (result.isError !== undefined && typeof result.isError !== "boolean") {
    return invalid("isError: expected a boolean");
  }
  if (result._meta !== undefined && !isObject(result._meta)) {
    return invalid("_meta: expected an object");
  }
  return result;
}

function blockProblem(block: unknown): string | undefined {
  if (!isObject(block)) return "expected a content block object";
  const required = typeof block.type === "string" ? BLOCKS[block.type] : undefined;
  if (!required) return `unknown content block type ${JSON.stringify(block.type)}`;
  for (const key of required) {
    if (typeof block[key] !== "string") return `${key}: expected a string`;
  }
  if (block.type === "resource") {
    const resource = block.resource;
    if (!isObject(resource) || typeof resource.uri !== "string") {
      return "resource: expected an object with a string uri";
    }
    if (typeof resource.text !== "string" && typeof resource.blob !== "string") {
      return "resource: expected a string text or blob";
    }
  }
  return undefined;
}

function invalid(problem: string): never {
  throw new LocalError("INVALID_RESULT", `Invalid result for tools/call: ${problem}`);
}
