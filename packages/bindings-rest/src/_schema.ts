// Moves a tool's JSON Schema into an OpenAPI 3.1 document: `$defs`/`definitions` become components,
// every local `$ref` is rewritten to point at them, every other keyword is kept as the server gave it.
type Json = Record<string, unknown>;

/** A schema ready for `components.schemas`, plus the components its `$defs` became. */
export interface MovedSchema {
  schema: unknown;
  components: Record<string, unknown>;
  error?: string;
}

const MAX_DEPTH = 64;
const MAX_NODES = 20_000;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function unescape(token: string): string {
  return decodeURIComponent(token).replaceAll("~1", "/").replaceAll("~0", "~");
}

function resolves(root: unknown, pointer: string): boolean {
  let node: unknown = root;
  for (const token of pointer.split("/").slice(1)) {
    const key = unescape(token);
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node) && Object.hasOwn(node, key)) node = node[key];
    else return false;
    if (node === undefined) return false;
  }
  return true;
}

/** Copies JSON, failing on cycles, non-JSON values, excessive depth or size. */
function cloneJson(value: unknown, depth = 0, count = { n: 0 }): unknown {
  if (++count.n > MAX_NODES) throw new Error(`schema has more than ${MAX_NODES} nodes`);
  if (depth > MAX_DEPTH) throw new Error(`schema is nested deeper than ${MAX_DEPTH} levels`);
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("schema holds a non-finite number");
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => cloneJson(v, depth + 1, count));
  if (isObject(value)) {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneJson(v, depth + 1, count);
    return out;
  }
  throw new Error(`schema holds a ${typeof value}`);
}

/** A component name made of OpenAPI's allowed characters. */
export function componentName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "_");
}

/**
 * Moves `schema` to `components/schemas/<base>`, its root `$defs` and `definitions` to
 * `<base>.<Def>`, and rewrites every `$ref` accordingly. A schema that cannot be moved (external
 * or dangling refs, cycles in the value, absurd size) becomes `{ type: "object" }` with
 * `x-mcp-schema-error`.
 */
export function moveSchema(schema: unknown, base: string): MovedSchema {
  try {
    const root = cloneJson(schema);
    if (typeof root === "boolean") return { schema: root, components: {} };
    if (!isObject(root)) throw new Error("schema is not an object");
    const components: Record<string, unknown> = {};
    const defsKeys = ["$defs", "definitions"] as const;
    const defNames = new Map<string, string>();
    for (const key of defsKeys) {
      const defs = root[key];
      if (defs === undefined) continue;
      if (!isObject(defs)) throw new Error(`${key} is not an object`);
      for (const name of Object.keys(defs)) {
        defNames.set(`/${key}/${name}`, `${base}.${componentName(name)}`);
      }
    }
    const rewrite = (ref: string): string => {
      if (!ref.startsWith("#")) throw new Error(`$ref '${ref.slice(0, 200)}' is not local`);
      const pointer = ref.slice(1);
      if (pointer !== "" && !pointer.startsWith("/")) {
        throw new Error(`$ref '${ref}' uses an anchor`);
      }
      if (!resolves(root, pointer)) throw new Error(`$ref '${ref.slice(0, 200)}' points nowhere`);
      for (const key of defsKeys) {
        const prefix = `/${key}/`;
        if (!pointer.startsWith(prefix)) continue;
        const rest = pointer.slice(prefix.length);
        const cut = rest.indexOf("/");
        const name = unescape(cut < 0 ? rest : rest.slice(0, cut));
        return `#/components/schemas/${defNames.get(`/${key}/${name}`)}${
          cut < 0 ? "" : rest.slice(cut)
        }`;
      }
      return `#/components/schemas/${base}${pointer}`;
    };
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!isObject(node)) return;
      if (typeof node.$ref === "string") node.$ref = rewrite(node.$ref);
      delete node.$schema;
      delete node.$id;
      for (const value of Object.values(node)) walk(value);
    };
    walk(root);
    for (const key of defsKeys) {
      const defs = root[key] as Json | undefined;
      if (!defs) continue;
      for (const [name, def] of Object.entries(defs)) {
        components[defNames.get(`/${key}/${name}`)!] = def;
      }
      delete root[key];
    }
    return { schema: root, components };
  } catch (err) {
    return {
      schema: { type: "object", "x-mcp-schema-error": (err as Error).message },
      components: {},
      error: (err as Error).message,
    };
  }
}
