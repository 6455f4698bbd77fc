/**
 * Checks options that reach this package untyped, through `new Client(source, options)`.
 *
 * @module
 */
import type { FileTransportOptions } from "./file-transport.ts";

const STDERR_MODES = ["inherit", "ignore"];

/**
 * Returns the options this package reads, checked.
 *
 * @throws {TypeError} naming the option that has the wrong type
 */
export function readTransportOptions(options: object): FileTransportOptions {
  const o = options as Record<string, unknown>;
  check(o.args === undefined || isStringArray(o.args), "args", "an array of strings");
  check(o.env === undefined || isStringRecord(o.env), "env", "an object of strings");
  check(o.inheritEnv === undefined || typeof o.inheritEnv === "boolean", "inheritEnv", "a boolean");
  check(o.cwd === undefined || typeof o.cwd === "string", "cwd", "a string");
  check(o.keepAlive === undefined || typeof o.keepAlive === "boolean", "keepAlive", "a boolean");
  check(
    o.stderr === undefined || isStderr(o.stderr),
    "stderr",
    '"inherit", "ignore", a function or { file }',
  );
  check(isOptionalPositive(o.maxMessageBytes), "maxMessageBytes", "a positive number");
  check(isOptionalPositive(o.shutdownGraceMs, true), "shutdownGraceMs", "a number ≥ 0");
  check(
    o.interpreter === undefined || typeof o.interpreter === "string" ||
      isStringArray(o.interpreter),
    "interpreter",
    "a string or an array of strings",
  );
  return o as FileTransportOptions;
}

function check(ok: boolean, name: string, expected: string): void {
  if (!ok) throw new TypeError(`option \`${name}\` must be ${expected}`);
}

function isStringArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

function isStringRecord(value: unknown): boolean {
  return typeof value === "object" && value !== null &&
    Object.values(value).every((v) => typeof v === "string");
}

function isStderr(value: unknown): boolean {
  if (typeof value === "string") return STDERR_MODES.includes(value);
  if (typeof value === "function") return true;
  return typeof value === "object" && value !== null &&
    typeof (value as { file?: unknown }).file === "string";
}

function isOptionalPositive(value: unknown, zeroOk = false): boolean {
  if (value === undefined) return true;
  return typeof value === "number" && Number.isFinite(value) && (zeroOk ? value >= 0 : value > 0);
}
