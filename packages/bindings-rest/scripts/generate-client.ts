// Generates the typed client of the test servers' OpenAPI document with openapi-typescript:
// test/generated/rest-api.d.ts, used with openapi-fetch by src/generated-client.test.ts (which
// also checks that the file is current). Usage: node --import tsx scripts/generate-client.ts
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generatedTypes } from "../src/_test_generate.ts";
import { inMemoryApp } from "../src/_test_helpers.ts";

const OUT = fileURLToPath(new URL("../test/generated/rest-api.d.ts", import.meta.url));
const { app } = inMemoryApp();
try {
  writeFileSync(OUT, await generatedTypes(await app.openApi()));
} finally {
  await app.close();
}
