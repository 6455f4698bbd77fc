// deno-lint-ignore-file explicit-module-boundary-types -- plain JS scripts, typed by JSDoc
// The one format of run-tests.mjs's closing lines for suites skipped because a program is missing
// (Bun's count drops without a word): run-tests.mjs writes them, test.mjs reads them back into its
// summary.

/**
 * The line for `files` test files of `runtime` skipped because `name` is missing.
 * @param {string} runtime
 * @param {string} name
 * @param {number} files
 * @param {string} reason
 * @returns {string}
 */
export function skipSummary(runtime, name, files, reason) {
  const count = `${files} test file${files === 1 ? "" : "s"}`;
  return `${runtime}: skipped, ${name} missing (${count}): ${reason}; MCPWIRE_REQUIRE=${name} fails instead`;
}

/**
 * The skips named by {@linkcode skipSummary} lines in `output`.
 * @param {string} output
 * @returns {{ runtime: string, name: string, count: string }[]}
 */
export function readSkipSummaries(output) {
  return [...output.matchAll(/^(\w+): skipped, (\S+) missing \(([^)]*)\): /gm)]
    .map(([, runtime, name, count]) => ({ runtime, name, count }));
}
