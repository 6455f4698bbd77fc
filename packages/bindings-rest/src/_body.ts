import { ProblemError } from "./problem.ts";
import type { JsonObject } from "./upstream-client.ts";

function isJsonType(contentType: string): boolean {
  if (contentType === "application/json") return true;
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || /^application\/[\w.+-]*\+json$/.test(type);
}

/**
 * Refuses a body whose declared `Content-Length` is over the limit, before reading it.
 *
 * @returns the declared length (NaN when absent)
 */
export function checkDeclaredLength(header: string | null | undefined, limit: number): number {
  const declared = Number(header ?? NaN);
  if (declared > limit) throw tooLarge(limit);
  return declared;
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = checkDeclaredLength(request.headers.get("content-length"), limit);
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
  return concatBytes(chunks, size);
}

/** The chunks as one array of `size` bytes (the one chunk itself when there is one). */
export function concatBytes(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** The 413 problem of a body over the limit. */
export function tooLarge(limit: number): ProblemError {
  return new ProblemError("payload_too_large", `the body is larger than ${limit} bytes`, {
    limit,
  });
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });
const ASCII = new TextDecoder("utf-8");

/** Decodes strict UTF-8; plain ASCII (most bodies) skips the slower strict decoder. */
function decodeUtf8(bytes: Uint8Array): string {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! > 0x7f) return UTF8.decode(bytes);
  }
  return ASCII.decode(bytes);
}

/** The limits a JSON body is read within. */
export interface BodyLimits {
  /** The largest body in bytes. */
  bodyLimit: number;
  /** The deepest nesting of arrays and objects. */
  maxDepth: number;
}

/**
 * Reads a request's JSON object body within the limits. An empty body is `{}`, so a tool
 * without arguments can be called with a bare POST.
 */
export async function readJsonObject(request: Request, limits: BodyLimits): Promise<JsonObject> {
  const contentType = request.headers.get("content-type");
  return parseJsonObject(
    contentType,
    await readLimited(request, limits.bodyLimit),
    limits.maxDepth,
  );
}

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Refuses JSON nested deeper than `limit` before it is parsed, so no later step (validation,
 * serialization, the server) can run out of stack on it. Brackets inside strings do not count.
 */
export function checkDepth(bytes: Uint8Array, limit: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
      if (++depth > limit) {
        throw new ProblemError(
          "body_too_deep",
          `the body nests arrays and objects deeper than ${limit} levels`,
          { limit },
        );
      }
    } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) depth--;
  }
}

/**
 * Parses a body already read as a JSON object: 415, 400 (malformed, nested deeper than
 * `maxDepth`, not an object) or `{}` for an empty body.
 */
export function parseJsonObject(
  contentType: string | null | undefined,
  bytes: Uint8Array,
  maxDepth: number,
): JsonObject {
  if (bytes.byteLength === 0) return {};
  if (!contentType || !isJsonType(contentType)) {
    throw new ProblemError(
      "unsupported_media_type",
      `the body must be application/json, not '${(contentType ?? "none").slice(0, 100)}'`,
    );
  }
  checkDepth(bytes, maxDepth);
  let value: unknown;
  try {
    value = JSON.parse(decodeUtf8(bytes));
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
