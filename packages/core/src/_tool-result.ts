/** Builds `callTool`'s typed result: error check, unwrapping and validation of `data`. */
import type { Tool } from "@modelcontextprotocol/client";
import { OutputValidationError, ToolError, type ValidationIssue } from "./errors.ts";
import { validateJsonSchema } from "./_json-schema.ts";
import type { StandardSchemaV1 } from "./standard-schema.ts";
import type { CallToolResult } from "./types.ts";

/** The SDK's raw tools/call result. */
export interface RawToolResult {
  content?: unknown;
  structuredContent?: unknown;
  isError?: boolean;
  _meta?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Turns a raw result into a {@linkcode CallToolResult}.
 *
 * @throws {ToolError} when the tool reported an error and `raiseOnError` is not `false`
 * @throws {OutputValidationError} when `data` fails the output schema or the `schema` option
 */
export async function toCallToolResult(
  raw: RawToolResult,
  name: string,
  tool: Tool | undefined,
  raiseOnError: boolean,
  schema: StandardSchemaV1 | undefined,
): Promise<CallToolResult> {
  const content = (Array.isArray(raw.content) ? raw.content : []) as CallToolResult["content"];
  const isError = raw.isError === true;
  const base = { content, structuredContent: raw.structuredContent, isError, meta: raw._meta };
  if (isError) {
    if (raiseOnError) throw new ToolError(name, errorText(content, name), raw);
    return { ...base, data: undefined };
  }
  const structured = raw.structuredContent;
  const outputSchema = tool?.outputSchema as Record<string, unknown> | undefined;
  if (outputSchema) {
    const issues = structured === undefined
      ? [{
        path: [],
        message: "the tool declares an output schema but returned no structured content",
      }]
      : validateJsonSchema(outputSchema, structured);
    if (issues.length > 0) throw new OutputValidationError(name, issues);
  }
  let data = isWrapped(outputSchema, raw) && isObject(structured) ? structured.result : structured;
  if (schema) data = await validateStandard(schema, data, name);
  return { ...base, data };
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
  throw new OutputValidationError(name, issues);
}

function errorText(content: CallToolResult["content"], name: string): string {
  for (const block of content) if (block.type === "text") return block.text;
  return `tool '${name}' reported an error`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
