/** Lists every package whose package.json and deno.json disagree. */
export function findVersionMismatches(root: string): string[];
