/**
 * A small JSON-with-comments parser that reports line and column on syntax errors and remembers
 * where every value starts, so schema errors can point into the file too.
 *
 * @module
 */

/** A 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** A syntax error with its position. */
export class JsoncSyntaxError extends SyntaxError {
  readonly line: number;
  readonly column: number;

  constructor(message: string, position: Position) {
    super(message);
    this.name = "JsoncSyntaxError";
    this.line = position.line;
    this.column = position.column;
  }
}

/** The parsed value and the start position of each value, keyed by {@linkcode pathKey}. */
export interface ParsedJsonc {
  value: unknown;
  positions: Map<string, Position>;
}

/** The key under which {@linkcode parseJsonc} stores a path's position. */
export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join("\u0000");
}

/** Parses JSON with `//` and `/* *\/` comments and trailing commas. */
export function parseJsonc(text: string): ParsedJsonc {
  const parser = new Parser(text.replace(/^\uFEFF/, ""));
  const value = parser.parseDocument();
  return { value, positions: parser.positions };
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

class Parser {
  readonly positions: Map<string, Position> = new Map();
  #text: string;
  #at = 0;

  constructor(text: string) {
    this.#text = text;
  }

  parseDocument(): unknown {
    this.#skip();
    if (this.#at >= this.#text.length) this.#fail("the file is empty; expected a JSON object");
    const value = this.#value([]);
    this.#skip();
    if (this.#at < this.#text.length) this.#fail(`unexpected ${this.#describe()} after the end`);
    return value;
  }

  #value(path: PropertyKey[]): unknown {
    this.positions.set(pathKey(path), this.#position(this.#at));
    const char = this.#text[this.#at];
    if (char === "{") return this.#object(path);
    if (char === "[") return this.#array(path);
    if (char === '"') return this.#string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      this.#text.slice(this.#at, this.#at + 400),
    );
    if (!literal) this.#fail(`unexpected ${this.#describe()}; expected a value`);
    this.#at += literal[0].length;
    return JSON.parse(literal[0]);
  }

  #object(path: PropertyKey[]): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.#at++;
    for (;;) {
      this.#skip();
      if (this.#text[this.#at] === "}") break;
      if (this.#text[this.#at] !== '"') {
        this.#fail(`unexpected ${this.#describe()}; expected a property name in double quotes`);
      }
      const key = this.#string();
      this.#skip();
      this.#expect(":", "after a property name");
      this.#skip();
      Object.defineProperty(result, key, {
        value: this.#value([...path, key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.#skip();
      if (this.#text[this.#at] === ",") this.#at++;
      else if (this.#text[this.#at] !== "}") {
        this.#fail(`unexpected ${this.#describe()}; expected ',' or '}'`);
      }
    }
    this.#at++;
    return result;
  }

  #array(path: PropertyKey[]): unknown[] {
    const result: unknown[] = [];
    this.#at++;
    for (;;) {
      this.#skip();
      if (this.#text[this.#at] === "]") break;
      result.push(this.#value([...path, result.length]));
      this.#skip();
      if (this.#text[this.#at] === ",") this.#at++;
      else if (this.#text[this.#at] !== "]") {
        this.#fail(`unexpected ${this.#describe()}; expected ',' or ']'`);
      }
    }
    this.#at++;
    return result;
  }

  #string(): string {
    const start = this.#at++;
    let out = "";
    for (;;) {
      const char = this.#text[this.#at];
      if (char === undefined || char === "\n") {
        this.#fail("unterminated string", start);
      }
      this.#at++;
      if (char === '"') return out;
      if (char !== "\\") {
        out += char;
        continue;
      }
      const escape = this.#text[this.#at++] ?? "";
      if (escape === "u" && /^[0-9a-fA-F]{4}$/.test(this.#text.slice(this.#at, this.#at + 4))) {
        out += String.fromCharCode(parseInt(this.#text.slice(this.#at, this.#at + 4), 16));
        this.#at += 4;
      } else if (escape in ESCAPES) out += ESCAPES[escape];
      else this.#fail(`invalid escape '\\${escape}' in string`, this.#at - 2);
    }
  }

  #skip(): void {
    for (;;) {
      const rest = this.#text.slice(this.#at, this.#at + 2);
      if (/^\s/.test(rest)) this.#at++;
      else if (rest === "//") {
        const end = this.#text.indexOf("\n", this.#at);
        this.#at = end === -1 ? this.#text.length : end;
      } else if (rest === "/*") {
        const end = this.#text.indexOf("*/", this.#at + 2);
        if (end === -1) this.#fail("unterminated /* comment");
        this.#at = end + 2;
      } else return;
    }
  }

  #expect(char: string, where: string): void {
    if (this.#text[this.#at] !== char) {
      this.#fail(`unexpected ${this.#describe()}; expected '${char}' ${where}`);
    }
    this.#at++;
  }

  #describe(): string {
    const char = this.#text[this.#at];
    return char === undefined ? "end of file" : `'${char}'`;
  }

  #position(offset: number): Position {
    const before = this.#text.slice(0, offset);
    const line = before.split("\n").length;
    return { line, column: offset - before.lastIndexOf("\n") };
  }

  #fail(message: string, offset: number = this.#at): never {
    throw new JsoncSyntaxError(message, this.#position(offset));
  }
}
