import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { flatCheck } from "./_flat-schema.ts";
import { validateJsonSchema } from "./_json-schema.ts";

const ADD = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  properties: { a: { type: "number", description: "left" }, b: { type: "integer" } },
  required: ["a", "b"],
};
const CLOSED = {
  type: "object",
  properties: { s: { type: "string" }, o: { type: "object" }, l: { type: "array" }, t: true },
  additionalProperties: false,
};

// [schema, value, whether the full checker accepts it]
const CASES: [Record<string, unknown>, unknown, boolean][] = [
  [ADD, { a: 1.5, b: 2 }, true],
  [ADD, { a: 1, b: 2, extra: "x" }, true],
  [ADD, { a: 1, b: 2.5 }, false],
  [ADD, { a: "1", b: 2 }, false],
  [ADD, { a: 1 }, false],
  [ADD, { a: 1, b: undefined }, false],
  [ADD, [1, 2], false],
  [ADD, null, false],
  [CLOSED, { s: "x", o: {}, l: [], t: 5 }, true],
  [CLOSED, {}, true],
  [CLOSED, { s: "x", other: 1 }, false],
  [CLOSED, { o: [] }, false],
  [CLOSED, { o: null }, false],
  [CLOSED, { l: {} }, false],
];

describe("flatCheck()", () => {
  it("compiles an object schema whose properties each name one primitive type", () => {
    assert.equal(typeof flatCheck(ADD), "function");
    assert.equal(typeof flatCheck(CLOSED), "function");
    assert.equal(flatCheck(ADD), flatCheck(ADD), "compiled once per schema object");
  });

  it("leaves every other schema to the full checker", () => {
    const object = (properties: Record<string, unknown>, more = {}) => ({
      type: "object",
      properties,
      ...more,
    });
    for (
      const schema of [
        { type: "string" },
        { properties: { a: { type: "number" } } },
        object({ a: { type: "number", minimum: 0 } }),
        object({ a: { type: ["number", "null"] } }),
        object({ a: { type: "any" } }),
        object({ a: { type: "constructor" } }),
        object({ a: { enum: [1, 2] } }),
        object({ a: { type: "object", properties: { x: { type: "string" } } } }),
        object({ a: { $ref: "#/$defs/x" } }),
        object({ a: false }),
        object({}, { additionalProperties: { type: "string" } }),
        object({}, { anyOf: [{ required: ["a"] }] }),
        object({}, { required: [1] }),
      ]
    ) {
      assert.equal(flatCheck(schema), null, JSON.stringify(schema));
    }
  });

  it("accepts only what the full checker accepts, and validateJsonSchema agrees with it", () => {
    for (const [schema, value, valid] of CASES) {
      const what = `${JSON.stringify(value)} against ${JSON.stringify(schema)}`;
      assert.equal(flatCheck(schema)!(value), valid, what);
      assert.equal(validateJsonSchema(schema, value).length === 0, valid, what);
    }
  });

  it("still reports every failing path when the compiled check rejects a value", () => {
    const issues = validateJsonSchema(ADD, { a: "1", b: 2.5 });
    assert.deepEqual(issues.map((i) => [i.path.join("."), i.message]), [
      ["a", "expected number, got string"],
      ["b", "expected integer, got number"],
    ]);
  });
});
