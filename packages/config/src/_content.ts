/**
 * Prefixes the URIs inside results (resource links, embedded resources, read contents), so what a
 * tool or prompt points at can be read back through the multi-server client.
 *
 * @module
 */

/** Returns `result` with each URI in its content blocks passed through `expose`. */
export function exposeContent<T extends object>(result: T, expose: (uri: string) => string): T {
  const record = result as Record<string, unknown>;
  const out: Record<string, unknown> = { ...record };
  if (Array.isArray(record.content)) {
    out.content = record.content.map((b) => exposeBlock(b, expose));
  }
  if (Array.isArray(record.contents)) {
    out.contents = record.contents.map((c) => exposeUri(c, expose));
  }
  if (Array.isArray(record.messages)) {
    out.messages = record.messages.map((m: Record<string, unknown>) => ({
      ...m,
      content: exposeBlock(m.content, expose),
    }));
  }
  return out as T;
}

function exposeBlock(block: unknown, expose: (uri: string) => string): unknown {
  if (typeof block !== "object" || block === null) return block;
  const b = block as { type?: string; resource?: unknown };
  if (b.type === "resource_link") return exposeUri(b, expose);
  if (b.type === "resource") return { ...b, resource: exposeUri(b.resource, expose) };
  return block;
}

function exposeUri(value: unknown, expose: (uri: string) => string): unknown {
  if (typeof value !== "object" || value === null) return value;
  const uri = (value as { uri?: unknown }).uri;
  return typeof uri === "string" ? { ...value, uri: expose(uri) } : value;
}
