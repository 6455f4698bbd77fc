// Small helpers shared by the transports: URLs safe to print, secret redaction, challenge parsing.

/** The URL as it may appear in messages: no credentials, no query string, no fragment. */
export function displayUrl(url: string | URL): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

/** Replaces every secret in `text` by `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = stripUrlQueries(text);
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  return out;
}

const EXCERPT_LENGTH = 300;

/** The first characters of a response body, on one line, secrets removed. */
export function excerpt(text: string | null | undefined, secrets: readonly string[]): string {
  if (!text) return "";
  const flat = redact(text, secrets).replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat;
}

/** The parameters of a `WWW-Authenticate: Bearer …` (or `DPoP …`) challenge. */
export interface Challenge {
  raw: string;
  error?: string;
  scope?: string;
  resourceMetadata?: string;
  errorDescription?: string;
}

/** Parses the auth-params of a `WWW-Authenticate` header. */
export function parseChallenge(raw: string | null | undefined): Challenge | undefined {
  if (!raw) return undefined;
  const params: Record<string, string> = {};
  for (const m of raw.matchAll(/([a-zA-Z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3]!;
  }
  return {
    raw,
    error: params["error"],
    scope: params["scope"],
    resourceMetadata: params["resource_metadata"],
    errorDescription: params["error_description"],
  };
}

/** A short description of a network failure: the system error code when there is one. */
export function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (cause && typeof cause.code === "string") return cause.code;
  const text = cause && typeof cause.message === "string"
    ? cause.message
    : err instanceof Error
    ? err.message
    : String(err);
  // Bun appends advice about its own `verbose` option.
  return stripUrlQueries(text.replace(/\. For more information, pass `verbose: true`.*$/, ""));
}

// How Node (undici), Deno and Bun report a connection that was open and then closed by the peer.
const LOST_CODES = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE"]);
const LOST_TEXT =
  /other side closed|connection closed before message completed|error reading a body|closed unexpectedly|^terminated$/i;

/**
 * Whether a network failure is the loss of an established connection (not a failure to connect),
 * judged by the error and its causes.
 */
export function isLostConnection(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 4;
    e = e.cause as typeof e, i++
  ) {
    const text = typeof e.message === "string" ? e.message : "";
    if (/connect error|ECONNREFUSED/i.test(text)) return false;
    if ((typeof e.code === "string" && LOST_CODES.has(e.code)) || LOST_TEXT.test(text)) return true;
  }
  return false;
}

/** Removes query strings, fragments and credentials from every URL inside a text. */
export function stripUrlQueries(text: string): string {
  return text.replace(/\b(https?:\/\/)(?:[^\s/@]*@)?([^\s?#)"']*)[?#][^\s)"']*/g, "$1$2")
    .replace(/\b(https?:\/\/)[^\s/@]*@/g, "$1");
}

/** Whether a parsed value looks like one JSON-RPC message or a batch of them. */
export function isJsonRpcShape(value: unknown): boolean {
  const list = Array.isArray(value) ? value : [value];
  return list.length > 0 &&
    list.every((m) =>
      typeof m === "object" && m !== null && (m as { jsonrpc?: unknown }).jsonrpc === "2.0"
    );
}
