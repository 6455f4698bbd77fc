// Test-only: checks answers against the app's own OpenAPI document. Every status must be
// documented for its operation, every content type listed, and every JSON body valid against
// its schema (JSON Schema 2020-12, with Ajv).
import { Ajv2020 } from "ajv/dist/2020.js";

// deno-lint-ignore no-explicit-any -- walking arbitrary JSON documents
type Doc = Record<string, any>;

const DOC_ID = "urn:mcpwire:openapi";
const JSON_TYPES = new Set(["application/json", "application/problem+json"]);

const escape = (token: string) => token.replaceAll("~", "~0").replaceAll("/", "~1");

/** Something with a fetch-like `request` and its document, such as a `RestApp`. */
export interface Checkable {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
  openApi(): Promise<Record<string, unknown>>;
}

/** Checks answers against one OpenAPI document. */
export class ContractChecker {
  #doc: Doc;
  #ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  // deno-lint-ignore no-explicit-any -- Ajv's validate functions
  #validators = new Map<string, any>();
  #templates: { path: string; pattern: RegExp }[];
  /** How many answers were checked, and how many bodies validated against a schema. */
  counts: { answers: number; bodies: number };

  constructor(doc: Doc, counts = { answers: 0, bodies: 0 }) {
    this.counts = counts;
    this.#doc = structuredClone(doc);
    this.#ajv.addSchema({ ...this.#doc, $id: DOC_ID });
    this.#templates = Object.keys(this.#doc.paths).filter((p) => p.includes("{")).map((path) => ({
      path,
      pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
    }));
  }

  /** The document path and operation of a request, or undefined when it has none. */
  operation(method: string, url: string): { path: string; op: Doc } | undefined {
    const m = method.toLowerCase();
    const path = new URL(url, "http://x").pathname;
    const exact = this.#doc.paths[path];
    if (exact?.[m]) return { path, op: exact[m] };
    for (const t of this.#templates) {
      if (t.pattern.test(path) && this.#doc.paths[t.path][m]) {
        return { path: t.path, op: this.#doc.paths[t.path][m] };
      }
    }
    return undefined;
  }

  /**
   * Checks one answer; throws naming the request and what does not match.
   * @returns false when the document has no operation for the request (not checked)
   */
  check(method: string, url: string, status: number, type: string | null, body?: string): boolean {
    const found = this.operation(method, url);
    if (!found || method === "HEAD") return false;
    const label = `${method} ${url} → ${status}`;
    this.counts.answers++;
    let pointer = `/paths/${escape(found.path)}/${method.toLowerCase()}/responses/${status}`;
    let response = found.op.responses[String(status)];
    if (!response) throw new Error(`${label}: status not documented for ${found.path}`);
    if (response.$ref) {
      pointer = response.$ref.slice(1);
      response = pointer.split("/").slice(1).reduce((n: Doc, k: string) => n[k], this.#doc);
    }
    if (!response.content) return true;
    const essence = (type ?? "").split(";")[0]!.trim().toLowerCase();
    const key = essence in response.content
      ? essence
      : "*/*" in response.content
      ? "*/*"
      : undefined;
    if (!key) {
      throw new Error(
        `${label}: content type '${type}' not documented (${Object.keys(response.content)})`,
      );
    }
    if (!JSON_TYPES.has(essence) || body === undefined) return true;
    const ref = `${DOC_ID}#${pointer}/content/${escape(key)}/schema`;
    let validate = this.#validators.get(ref);
    if (!validate) this.#validators.set(ref, validate = this.#ajv.compile({ $ref: ref }));
    this.counts.bodies++;
    if (!validate(JSON.parse(body))) {
      throw new Error(
        `${label}: body does not match ${ref}: ${
          JSON.stringify(validate.errors).slice(0, 1500)
        }\n` +
          body.slice(0, 500),
      );
    }
    return true;
  }
}

/**
 * Wraps an app's `request` so that every answer is checked against the app's own document; the
 * document is read again when a request has no operation in it (tools come and go).
 */
export function checkAnswers<T extends Checkable>(
  app: T,
): T & { contract: () => ContractChecker["counts"] } {
  const request = app.request.bind(app);
  const counts = { answers: 0, bodies: 0 };
  let checker: ContractChecker | undefined;
  let text = "";
  let readAt = 0;
  // Only a tool's own operation (POST …/tools/{tool}) can appear after the document was read:
  // for a request that has none, read the document again (at most once a second, as bad-input
  // runs send hundreds of unknown names), and start over when it changed.
  const current = async (method: string, url: string) => {
    if (checker?.operation(method, url)) return checker;
    const toolCall = method === "POST" && /\/tools\/[^/]+$/.test(new URL(url, "http://x").pathname);
    if (checker && (!toolCall || Date.now() - readAt < 1_000)) return checker;
    const doc = await app.openApi();
    readAt = Date.now();
    const now = JSON.stringify(doc);
    if (now !== text) [checker, text] = [new ContractChecker(doc, counts), now];
    return checker!;
  };
  const wrapped = async (input: string | Request, init?: RequestInit, ...rest: unknown[]) => {
    // deno-lint-ignore no-explicit-any -- Hono's request takes more arguments than Checkable says
    const res = await (request as any)(input, init, ...rest) as Response;
    const path = typeof input === "string" ? input : input.url;
    const method = (init?.method ?? (typeof input === "string" ? "GET" : input.method))
      .toUpperCase();
    const type = res.headers.get("content-type");
    const essence = (type ?? "").split(";")[0]!.trim();
    const body = JSON_TYPES.has(essence) ? await res.clone().text() : undefined;
    (await current(method, path)).check(method, path, res.status, type, body);
    return res;
  };
  return Object.assign(app, {
    request: wrapped,
    contract: () => counts,
  });
}
