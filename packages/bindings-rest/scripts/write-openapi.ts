// Writes the OpenAPI document of an app over the test servers (in memory) to a file, for the
// linter and the client generators: `write-openapi.ts <file> [--secured]`.
import { writeFileSync } from "node:fs";
import process from "node:process";
import { inMemoryApp } from "../src/_test_helpers.ts";

const [file = "openapi.json", ...flags] = process.argv.slice(2);
const { app } = inMemoryApp(flags.includes("--secured") ? { apiKeys: ["key"] } : {});
try {
  writeFileSync(file, JSON.stringify(await app.openApi(), null, 2) + "\n");
} finally {
  await app.close();
}
