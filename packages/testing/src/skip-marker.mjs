// The one definition of the skip line's marker: requirement() (requirements.ts) writes it and
// scripts/run-tests.mjs, plain JavaScript that cannot import TypeScript, reads it back.
// skip-marker.d.mts gives its type.

/** The start of the line requirement() writes to stderr when it skips: `<marker> <name>: <reason>`. */
export const SKIP_MARKER = "[mcpwire-testing] missing";
