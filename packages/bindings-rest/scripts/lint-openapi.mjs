#!/usr/bin/env node
// `redocly lint` of the binding's OpenAPI document, with and without API keys, as served for the
// test servers: every recommended rule is an error (redocly.yaml), so 0 errors means 0 warnings.
// Run by `npm test` as its own step ("openapi-lint"); usage: node scripts/lint-openapi.mjs
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..", "..");
const dir = mkdtempSync(join(tmpdir(), "mcpwire-openapi-"));
let failed = false;
try {
  for (const variant of ["open", "secured"]) {
    const file = join(dir, `openapi-${variant}.json`);
    const write = spawnSync(process.execPath, [
      "--conditions=@mcpwire/source",
      "--import",
      "tsx",
      join(HERE, "write-openapi.ts"),
      file,
      ...(variant === "secured" ? ["--secured"] : []),
    ], { cwd: ROOT, stdio: "inherit" });
    if (write.status !== 0) {
      failed = true;
      continue;
    }
    const lint = spawnSync(join(ROOT, "node_modules", ".bin", "redocly"), [
      "lint",
      file,
      "--config",
      join(HERE, "..", "redocly.yaml"),
      "--format=stylish",
    ], { cwd: dir, encoding: "utf8", env: { ...process.env, REDOCLY_TELEMETRY: "off" } });
    // Only the findings and the verdict (not Redocly's banners).
    const lines = `${lint.stdout}${lint.stderr}`.split("\n").filter((l) =>
      /error|warning|valid/i.test(l) && !/[║╔╚]/.test(l)
    );
    console.log(`openapi-lint (${variant}):\n${lines.join("\n")}`);
    if (lint.status !== 0) failed = true;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
