// 2026-era requests carry their protocol version in `params._meta`; the Streamable HTTP
// transport then derives `MCP-Protocol-Version`, `Mcp-Method` and `Mcp-Name` from the body
// (the era negotiation probe is the first such request). Legacy-era requests are untouched.

/** The `_meta` key of the protocol version a 2026-era request claims. */
export const PROTOCOL_VERSION_META_KEY = "io.modelcontextprotocol/protocolVersion";
const FIRST_MODERN_VERSION = "2026-07-28";
const BASE64_PREFIX = "=?base64?";
const BASE64_SUFFIX = "?=";

// Which parameter names a request's target, per method, for `Mcp-Name`.
const NAME_PARAM: Readonly<Record<string, string>> = {
  "tools/call": "name",
  "prompts/get": "name",
  "resources/read": "uri",
  "tasks/get": "taskId",
  "tasks/update": "taskId",
  "tasks/cancel": "taskId",
};

interface Fields {
  method?: unknown;
  id?: unknown;
  params?: Record<string, unknown> & { _meta?: Record<string, unknown> };
}

/** The protocol version a request's envelope claims, or undefined (not a 2026-era request). */
export function envelopeVersion(message: unknown): string | undefined {
  const { method, id, params } = message as Fields;
  if (typeof method !== "string" || id === undefined) return undefined;
  const version = params?._meta?.[PROTOCOL_VERSION_META_KEY];
  return typeof version === "string" ? version : undefined;
}

/** Whether a request claims a 2026-era (or later) protocol version. */
export function isModernRequest(message: unknown): boolean {
  const version = envelopeVersion(message);
  return version !== undefined && version >= FIRST_MODERN_VERSION;
}

/** Sets the body-derived headers of a request that claims a version in its envelope. */
export function applyEnvelopeHeaders(headers: Record<string, string>, message: unknown): void {
  const version = envelopeVersion(message);
  if (version === undefined) return;
  const { method, params } = message as Fields & { method: string };
  headers["mcp-protocol-version"] = version;
  headers["mcp-method"] = method;
  const field = Object.hasOwn(NAME_PARAM, method) ? NAME_PARAM[method] : undefined;
  const value = field && params && typeof params === "object" ? params[field] : undefined;
  if (typeof value === "string") headers["mcp-name"] = encodeHeaderValue(value);
}

/** A value as an HTTP field value: plain when safe ASCII, else `=?base64?…?=` of its UTF-8. */
export function encodeHeaderValue(value: string): string {
  return needsBase64(value) ? `${BASE64_PREFIX}${utf8Base64(value)}${BASE64_SUFFIX}` : value;
}

function needsBase64(s: string): boolean {
  if (s.length === 0 || s !== s.trim()) return true;
  if (s.startsWith(BASE64_PREFIX) && s.endsWith(BASE64_SUFFIX)) return true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 9 && (c < 32 || c > 126)) return true;
  }
  return false;
}

function utf8Base64(s: string): string {
  let bin = "";
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}
