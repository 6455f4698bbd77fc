// Test helper: how the running runtime runs a TypeScript file with the workspace's sources.

/** The arguments after `process.execPath` that run `file` on this runtime. */
export function launch(file: string): string[] {
  if ("Deno" in globalThis) return ["run", "-A", file];
  if ("Bun" in globalThis) return ["--conditions=@mcpwire/source", file];
  return ["--conditions=@mcpwire/source", "--import", "tsx", file];
}
