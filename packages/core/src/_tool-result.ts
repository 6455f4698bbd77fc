/** Builds `callTool`'s typed result: error check, unwrapping and validation of `data`. */
import type { Tool } from "@modelcontextprotocol/client";
import { OutputValidationError, ToolError, type ValidationIssue } from "./errors.ts";
import { validateJsonSchema } from "./_json-schema.ts";
import type { StandardSchemaV1 } from "./standard-schema.ts";
import type { CallToolResult } from "./types.ts";
import { isObject } from "./_is-object.ts";

/** The SDK's raw tools/call result. */
export interface RawToolResult {
  content?: unknown;
  structuredContent?: unknown;
  isError?: boolean;
  _meta?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Turns a raw result into a {@linkcode CallToolResult} (validating `data` against the tool's
 * output schema; the `schema` option is applied afterwards by {@linkcode applySchema}).
 *
 * @param server the session or task; its `serverName` is read only for an error message
 * @throws {ToolError} when the tool reported an error and `raiseOnError` is not `false`
 * @throws {OutputValidationError} when the structured content fails the output schema
 */
export function toCallToolResult(
  raw: RawToolResult,
  name: string,
  tool: Tool | undefined,
  raiseOnError: boolean,
  server: { readonly serverName: string },
): CallToolResult {
  const content = (Array.isArray(raw.content) ? raw.content : []) as CallToolResult["content"];
  const structured = raw.structuredContent;
  const isError = raw.isError === true;
  if (isError && raiseOnError) {
    throw new ToolError(
      name,
      errorText(content, name, server.serverName),
      { ...raw, content } as never,
    );
  }
  const outputSchema = tool?.outputSchema as Record<string, unknown> | undefined;
  if (outputSchema && !isError) {
    const issues = structured === undefined
      ? [{
        path: [],
        message: "the tool declares an output schema but returned no structured content",
      }]
      : validateJsonSchema(outputSchema, structured);
    if (issues.length > 0) {
      throw new OutputValidationError(name, issues, { server: server.serverName });
    }
  }
  const data = isError
    ? undefined
    : isWrapped(outputSchema, raw) && isObject(structured)
    ? structured.result
    : structured;
  return { content, structuredContent: structured, data, isError, meta: raw._meta };
}

/**
 * Validates `data` with a Standard Schema and replaces it with the schema's output.
 *
 * @throws {OutputValidationError} naming the tool and every failing path
 */
export async function applySchema(
  result: CallToolResult,
  schema: StandardSchemaV1,
  name: string,
  server: string,
): Promise<CallToolResult> {
  if (result.isError) return result;
  result.data = await validateStandard(schema, result.data, name, server);
  return result;
}

function isWrapped(outputSchema: Record<string, unknown> | undefined, raw: RawToolResult): boolean {
  if (outputSchema?.["x-fastmcp-wrap-result"] === true) return true;
  const fastmcp = raw._meta?.fastmcp as { wrap_result?: unknown } | undefined;
  return fastmcp?.wrap_result === true;
}

async function validateStandard(
  schema: StandardSchemaV1,
  data: unknown,
  name: string,
  server: string,
): Promise<unknown> {
  const result = await schema["~standard"].validate(data);
  if (!result.issues) return result.value;
  const issues: ValidationIssue[] = result.issues.map((issue) => ({
    path: (issue.path ?? []).map((segment) => {
      const key = typeof segment === "object" ? segment.key : segment;
      return typeof key === "number" ? key : String(key);
    }),
    message: issue.message,
  }));
  throw new OutputValidationError(name, issues, { server });
}

function errorText(content: CallToolResult["content"], name: string, server: string): string {
  for (const block of content) if (block.type === "text") return block.text;
  return `tool '${name}' on server '${server}' reported an error`;
}
