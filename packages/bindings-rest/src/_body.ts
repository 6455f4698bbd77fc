import { ProblemError } from "./problem.ts";
import type { JsonObject } from "./upstream-client.ts";

function isJsonType(contentType: string): boolean {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || /^application\/[\w.+-]*\+json$/.test(type);
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > limit) throw tooLarge(limit);
  // With a declared length within the limit, one read is cheaper than a chunk loop (and on Node it
  // does not build a web stream: the body is read straight from the socket).
  if (Number.isInteger(declared) && request.headers.get("transfer-encoding") === null) {
    if (declared === 0) return new Uint8Array();
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > limit) throw tooLarge(limit);
    return bytes;
  }
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

function tooLarge(limit: number): ProblemError {
  return new ProblemError("payload_too_large", `the body is larger than ${limit} bytes`, {
    limit,
  });
}

/**
 * Reads a request's JSON object body within a size limit. An empty body is `{}`, so a tool
 * without arguments can be called with a bare POST.
 */
export async function readJsonObject(request: Request, limit: number): Promise<JsonObject> {
  const contentType = request.headers.get("content-type");
  const bytes = await readLimited(request, limit);
  if (bytes.byteLength === 0) return {};
  if (!contentType || !isJsonType(contentType)) {
    throw new ProblemError(
      "unsupported_media_type",
      `the body must be application/json, not '${(contentType ?? "none").slice(0, 100)}'`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (err) {
    throw new ProblemError(
      "malformed_json",
      `the body is not valid JSON: ${(err as Error).message.slice(0, 200)}`,
    );
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ProblemError(
      "invalid_body",
      `the body must be a JSON object, not ${
        value === null ? "null" : Array.isArray(value) ? "an array" : typeof value
      }`,
    );
  }
  return value as JsonObject;
}
