/**
 * Command lines as people read them, for error messages.
 *
 * @module
 */

const PLAIN = /^[\w@%+=:,./-]+$/;

/** Renders `command args…` with shell-style quoting where needed. Never includes the environment. */
export function formatCommand(command: string, args: readonly string[]): string {
  return [command, ...args].map((part) => PLAIN.test(part) ? part : quote(part)).join(" ");
}

function quote(part: string): string {
  return `'${part.replaceAll("'", `'\\''`)}'`;
}
