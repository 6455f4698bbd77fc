#!/usr/bin/env node
// The `mcpwire` command: runs src/bin.ts on Node with the workspace's sources (the
// "@mcpwire/source" condition) and tsx, so nothing has to be built first.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const entry = fileURLToPath(new URL("../src/bin.ts", import.meta.url));
const child = spawn(
  process.execPath,
  [
    "--conditions=@mcpwire/source",
    "--import",
    import.meta.resolve("tsx"),
    entry,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
