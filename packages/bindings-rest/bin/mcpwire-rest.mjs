#!/usr/bin/env node
// The `mcpwire-rest` command. Installed from a registry, the package has dist/ and no src/: this
// runs dist/cli.js. In the mcpwire repository (src/ present, dist/ only after a build) it runs
// src/cli.ts with tsx and the workspace's sources, so a contributor's `npx mcpwire-rest` works
// right after `npm ci` and always runs the code being edited.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const source = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const built = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

if (existsSync(source)) {
  const child = spawn(
    process.execPath,
    [
      "--conditions=@mcpwire/source",
      "--import",
      import.meta.resolve("tsx"),
      source,
      ...process.argv.slice(2),
    ],
    { stdio: "inherit" },
  );
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  // cli.js starts itself when it is the main script.
  process.argv[1] = built;
  await import(pathToFileURL(built).href);
}
