/** The line for `files` test files of `runtime` skipped because `name` is missing. */
export function skipSummary(runtime: string, name: string, files: number, reason: string): string;
/** The skips named by {@linkcode skipSummary} lines in `output`. */
export function readSkipSummaries(
  output: string,
): { runtime: string; name: string; count: string }[];
