// Fails when any source in the repository reads a member whose name starts with `_` from an object
// that is not ours: a dependency's private field (the SDK's `_transport`, `_fetch`, `_serverInfo`
// …). CONVENTIONS.md: "Never read a dependency's private members (`_name`). If the public API
// cannot do it, own the code." An SDK release may rename such a field at any time, and code that
// reads it then silently takes another path.
//
// What counts as a read, in every tracked .ts/.mts/.cts/.tsx/.js/.mjs/.cjs file outside
// node_modules and dist (tests included), parsed with the TypeScript compiler:
//   obj._name   obj?._name   obj["_name"]   obj[`_name`]   const { _name } = obj   "_name" in obj
// `this._name` is ours when the class around it declares `_name`; a class that extends an SDK
// class and reads an inherited `_name` through `this` is flagged. Private `#fields` never match.
// ALLOWED lists the `_` names that are not private members, ALLOWED_READS the reads still needed
// in one file; each entry says why.
//
// Usage: node scripts/check-private-reads.mjs [file …]   (no files: every tracked source)
// Before scanning it checks itself on known reads and non-reads, so it cannot pass by missing them.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** `_` names that are data, not private members. */
const ALLOWED = new Map([
  ["_meta", "MCP's protocol field (`params._meta`, `result._meta`), public wire data"],
]);

/**
 * Reads still needed in one file ("file name"), each with its reason and what would remove it.
 * None left: core's in-memory sources are named after their handshake, not from `_serverInfo`.
 */
const ALLOWED_READS = new Map([]);

const SOURCE = /\.(?:[cm]?[jt]s|tsx)$/;

/**
 * The private-member reads in one source text.
 *
 * @param {string} text the source
 * @param {string} file its name (for the parser's language choice and the report)
 * @returns {{ line: number, column: number, name: string, form: string }[]}
 */
function privateReads(text, file) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
  const found = [];
  const report = (node, name, form) => {
    if (!name.startsWith("_") || ALLOWED.has(name)) return;
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push({ line: line + 1, column: character + 1, name, form });
  };
  const visit = (node) => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) {
      if (!ownMember(node.expression, node.name.text)) report(node.name, node.name.text, "._");
    } else if (ts.isElementAccessExpression(node) && isText(node.argumentExpression)) {
      const name = node.argumentExpression.text;
      if (!ownMember(node.expression, name)) report(node.argumentExpression, name, '["_"]');
    } else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
      const key = node.propertyName ?? node.name;
      if (ts.isIdentifier(key) || isText(key)) report(key, key.text, "{ _ } =");
    } else if (
      ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword &&
      isText(node.left)
    ) {
      report(node.left, node.left.text, '"_" in');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function scriptKind(file) {
  if (file.endsWith(".tsx")) return ts.ScriptKind.TSX;
  return /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}

function isText(node) {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
}

/** Whether `receiver._name` is `this._name` in a class that declares `_name` itself. */
function ownMember(receiver, name) {
  if (receiver.kind !== ts.SyntaxKind.ThisKeyword) return false;
  for (let node = receiver.parent; node; node = node.parent) {
    if (ts.isClassLike(node)) {
      return node.members.some((m) =>
        m.name && (ts.isIdentifier(m.name) || isText(m.name)) && m.name.text === name
      );
    }
  }
  return false;
}

/** Known reads and non-reads: the check must find exactly the reads. */
const SELF_TEST = [
  ["client._transport;", ["_transport"]],
  ["client?._transport?.send();", ["_transport"]],
  ["(t as unknown as { _fetch: unknown })._fetch;", ["_fetch"]],
  ['inner["_eventSource"];', ["_eventSource"]],
  ["inner[`_endpoint`];", ["_endpoint"]],
  ["const { _serverRetryMs: ms } = sdk;", ["_serverRetryMs"]],
  ["const { _abortController } = sdk;", ["_abortController"]],
  ['if ("_scheduleReconnection" in sdk) {}', ["_scheduleReconnection"]],
  ["class A extends Sdk { f() { return this._protocol; } }", ["_protocol"]],
  ["class A { _own = 1; f() { return this._own; } }", []],
  ["params._meta?.progressToken; const { _meta } = result;", []],
  ["class A { #x = 1; f() { return this.#x; } }", []],
  ['const s = "a._b"; // x._y', []],
  ["import * as _helpers from './_h.ts'; _helpers.waitFor();", []],
];

function selfTest() {
  for (const [text, expected] of SELF_TEST) {
    const names = privateReads(text, "self-test.ts").map((r) => r.name);
    if (JSON.stringify(names) !== JSON.stringify(expected)) {
      throw new Error(
        `check-private-reads self-test: ${JSON.stringify(text)} gave ${JSON.stringify(names)}, ` +
          `expected ${JSON.stringify(expected)}`,
      );
    }
  }
}

function trackedSources() {
  const out = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" });
  return out.split("\0").filter((f) =>
    SOURCE.test(f) && !/(^|\/)(node_modules|dist)\//.test(f) && !f.endsWith(".d.ts")
  );
}

{
  selfTest();
  const files = process.argv.length > 2 ? process.argv.slice(2) : trackedSources();
  let count = 0;
  const used = new Set();
  for (const file of files) {
    let text;
    try {
      text = readFileSync(join(ROOT, file), "utf8");
    } catch {
      continue; // listed by git but deleted in the work tree
    }
    for (const read of privateReads(text, file)) {
      if (ALLOWED_READS.has(`${file} ${read.name}`)) {
        used.add(`${file} ${read.name}`);
        continue;
      }
      count++;
      console.error(
        `${file}:${read.line}:${read.column}: reads '${read.name}' (${read.form}), a member ` +
          "whose name starts with `_`: a dependency's private field? Use its public API or own the code.",
      );
    }
  }
  for (const entry of ALLOWED_READS.keys()) {
    if (process.argv.length === 2 && !used.has(entry)) {
      console.warn(`check-private-reads: allowlist entry '${entry}' matches nothing; remove it`);
    }
  }
  if (count > 0) {
    console.error(`check-private-reads: ${count} private-member read(s) in ${files.length} files`);
    process.exit(1);
  }
  console.log(`check-private-reads: no private-member reads in ${files.length} files`);
}
