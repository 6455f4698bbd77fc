import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { validateJsonSchema } from "./_json-schema.ts";

const paths = (schema: unknown, value: unknown) =>
  validateJsonSchema(schema, value).map((i) => i.path.join("."));

describe("validateJsonSchema()", () => {
  it("accepts matching values and reports nothing", () => {
    const schema = {
      type: "object",
      properties: {
        a: { type: "integer" },
        b: { type: ["string", "null"] },
        c: { type: "array", items: { type: "number" } },
      },
      required: ["a"],
    };
    assert.deepEqual(validateJsonSchema(schema, { a: 1, b: null, c: [1, 2.5] }), []);
    assert.deepEqual(validateJsonSchema(true, 5), []);
    assert.deepEqual(validateJsonSchema({}, "anything"), []);
  });

  it("reports type, required and additionalProperties failures with their paths", () => {
    const schema = {
      type: "object",
      properties: {
        a: { type: "integer" },
        nested: { type: "object", properties: { x: { type: "string" } } },
      },
      required: ["a", "z"],
      additionalProperties: false,
    };
    assert.deepEqual(paths(schema, { a: 1.5, nested: { x: 3 }, extra: 1 }), [
      "z",
      "a",
      "nested.x",
      "extra",
    ]);
  });

  it("reads only a value's own properties and the schema's own keys (no prototype names)", () => {
    const schema = {
      type: "object",
      properties: { a: { type: "string" } },
      required: ["toString", "constructor"],
      additionalProperties: false,
    };
    // An object inherits toString and constructor; it does not have them.
    assert.deepEqual(paths(schema, { a: "x" }), ["toString", "constructor"]);
    // JSON.parse makes "__proto__" an own key: not a declared property, so not allowed.
    const closed = {
      type: "object",
      properties: { a: { type: "string" } },
      additionalProperties: false,
    };
    assert.deepEqual(paths(closed, JSON.parse('{"a":"x","__proto__":{"b":1},"toString":1}')), [
      "__proto__",
      "toString",
    ]);
    // A $ref never resolves through the prototype.
    assert.deepEqual(paths({ $ref: "#/constructor" }, 5), []);
  });

  it("checks enum, const, bounds, lengths, patterns and tuples", () => {
    assert.deepEqual(paths({ enum: ["a", "b"] }, "c"), [""]);
    assert.deepEqual(paths({ const: { k: [1] } }, { k: [1] }), []);
    assert.deepEqual(paths({ type: "number", minimum: 0, exclusiveMaximum: 10 }, 10), [""]);
    assert.deepEqual(paths({ type: "string", minLength: 2, pattern: "^a" }, "b"), ["", ""]);
    assert.deepEqual(
      paths({ type: "array", prefixItems: [{ type: "string" }], items: { type: "number" } }, [
        "x",
        1,
        "y",
      ]),
      [
        "2",
      ],
    );
    assert.deepEqual(paths({ type: "array", maxItems: 1 }, [1, 2]), [""]);
  });

  it("follows local $ref and the combinators", () => {
    const schema = {
      $defs: { pos: { type: "integer", minimum: 1 } },
      type: "object",
      properties: {
        n: { $ref: "#/$defs/pos" },
        m: { anyOf: [{ type: "string" }, { type: "boolean" }] },
      },
    };
    assert.deepEqual(paths(schema, { n: 0, m: 3 }), ["n", "m"]);
    assert.deepEqual(paths({ oneOf: [{ type: "number" }, { type: "integer" }] }, 3), [""]);
    assert.deepEqual(paths({ not: { type: "string" } }, "s"), [""]);
    assert.deepEqual(paths({ allOf: [{ type: "number" }, { maximum: 2 }] }, 3), [""]);
  });
});
