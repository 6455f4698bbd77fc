import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { JsoncSyntaxError, parseJsonc, pathKey } from "./_jsonc.ts";

function syntaxError(text: string): JsoncSyntaxError {
  try {
    parseJsonc(text);
  } catch (err) {
    assert.ok(err instanceof JsoncSyntaxError);
    return err;
  }
  assert.fail("expected a syntax error");
}

describe("parseJsonc()", () => {
  it("parses what JSON.parse parses", () => {
    const text = '{"a":[1,-2.5e3,true,false,null,"x\\n\\u00e9\\"",{}],"b":{"c":[]}}';
    assert.deepEqual(parseJsonc(text).value, JSON.parse(text));
  });

  it("skips comments, trailing commas and a byte order mark", () => {
    const text = '\uFEFF// head\n{ /* a */ "a": [1, 2,], // tail\n "b": "//not a comment", }\n';
    assert.deepEqual(parseJsonc(text).value, { a: [1, 2], b: "//not a comment" });
  });

  it("records where each value starts", () => {
    const { positions } = parseJsonc('{\n  "a": {\n    "b": [10, 20]\n  }\n}');
    assert.deepEqual(positions.get(pathKey(["a", "b", 1])), { line: 3, column: 15 });
  });

  it("keeps __proto__ as a plain key", () => {
    const value = parseJsonc('{"__proto__": {"x": 1}}').value as Record<string, unknown>;
    assert.deepEqual(Object.keys(value), ["__proto__"]);
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
  });

  it("reports line and column of errors", () => {
    assert.deepEqual(pick(syntaxError("{\n  a: 1\n}")), [
      2,
      3,
      "unexpected 'a'; expected a property name in double quotes",
    ]);
    assert.deepEqual(pick(syntaxError('{"a": 1')), [
      1,
      8,
      "unexpected end of file; expected ',' or '}'",
    ]);
    assert.deepEqual(pick(syntaxError('{"a": "x\n"}')), [1, 7, "unterminated string"]);
    assert.deepEqual(pick(syntaxError("  ")), [1, 3, "the file is empty; expected a JSON object"]);
    assert.deepEqual(pick(syntaxError("{} x")), [1, 4, "unexpected 'x' after the end"]);
    assert.deepEqual(pick(syntaxError("/* open")), [1, 1, "unterminated /* comment"]);
  });
});

function pick(err: JsoncSyntaxError): [number, number, string] {
  return [err.line, err.column, err.message];
}
