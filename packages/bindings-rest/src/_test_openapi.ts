// Test-only: structural checks of OpenAPI 3.1 documents.
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";

// deno-lint-ignore no-explicit-any -- walking arbitrary JSON documents in assertions
export type Doc = Record<string, any>;

/** Every `$ref` in a document resolves inside it. */
export function assertRefsResolve(doc: Doc): void {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const ref = (node as Doc).$ref;
    if (typeof ref === "string") {
      assert.ok(ref.startsWith("#/"), `ref ${ref} is local`);
      let target: unknown = doc;
      for (const token of ref.slice(2).split("/")) {
        target = (target as Doc)
          ?.[decodeURIComponent(token).replaceAll("~1", "/").replaceAll("~0", "~")];
      }
      assert.notEqual(target, undefined, `ref ${ref} resolves`);
    }
    Object.values(node).forEach(walk);
  };
  walk(doc);
}

/** The structural rules of OpenAPI 3.1 this document must follow. */
export function assertOpenApi31(doc: Doc): void {
  assert.equal(doc.openapi, "3.1.0");
  assert.equal(typeof doc.info.title, "string");
  assert.equal(typeof doc.info.version, "string");
  const ids = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths as Doc)) {
    assert.ok(path.startsWith("/"), path);
    for (const [method, op] of Object.entries(item as Doc)) {
      assert.ok(["get", "post"].includes(method));
      assert.ok(op.responses && Object.keys(op.responses).length > 0, `${path} has responses`);
      for (const param of (op.parameters ?? []) as Doc[]) {
        if (param.in === "path") {
          assert.ok(path.includes(`{${param.name}}`), `${path} declares {${param.name}}`);
        }
      }
      if (op.operationId) {
        assert.match(op.operationId, /^[A-Za-z0-9_-]{1,64}$/);
        assert.ok(!ids.has(op.operationId), `operationId ${op.operationId} is unique`);
        ids.add(op.operationId);
      }
    }
  }
  for (const name of Object.keys(doc.components.schemas)) assert.match(name, /^[a-zA-Z0-9._-]+$/);
  assertRefsResolve(doc);
}

// The Python `openapi-spec-validator` (python-openapi) validates a whole OpenAPI 3.1 document.
const VALIDATE = "import json,sys\nfrom openapi_spec_validator import validate\n" +
  "from openapi_spec_validator.validation import OpenAPIV31SpecValidator\n" +
  "validate(json.load(sys.stdin), cls=OpenAPIV31SpecValidator)\nprint('valid')";
export const hasValidator: boolean =
  spawnSync("python3", ["-c", "import openapi_spec_validator"]).status === 0;

export function validateWithPython(doc: unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      "python3",
      ["-c", VALIDATE],
      { timeout: 30_000 },
      (err, stdout, stderr) =>
        err ? reject(new Error(stderr || err.message)) : resolve(stdout.trim()),
    );
    child.stdin!.end(JSON.stringify(doc));
  });
}
