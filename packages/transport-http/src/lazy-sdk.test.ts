import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Node's module hooks see every module a program loads and which module asked for it; Deno and
// Bun have none, and the rule checked here does not depend on the runtime. Each test is skipped on
// its own: Bun lists no test of a skipped describe(), so they would vanish from its count unseen.
const skip = "Deno" in globalThis || "Bun" in globalThis
  ? "needs Node's module resolution hooks"
  : false;

// Written synchronously to a file: output of the hooks thread may be lost when the program exits.
const HOOKS = `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (/@modelcontextprotocol\\/client\\/|\\/zod\\//.test(result.url)) {
    appendFileSync(process.env.SDK_LOAD_LOG, "sdk-load " + context.parentURL + "\\n");
  }
  return result;
}`;
const REGISTER = `import { register } from "node:module";
register("data:text/javascript," + encodeURIComponent(${JSON.stringify(HOOKS)}));`;
const SRC = new URL("./", import.meta.url).href;

/** The modules of this package that made the SDK (or zod) load while `script` ran. */
function sdkImporters(script: string): string[] {
  const mod = new URL("mod.ts", SRC).href;
  const dir = mkdtempSync(join(tmpdir(), "mcpwire-lazy-"));
  const log = join(dir, "loads.txt");
  const result = spawnSync(process.execPath, [
    "--conditions=@mcpwire/source",
    "--import",
    "tsx",
    "--import",
    `data:text/javascript,${encodeURIComponent(REGISTER)}`,
    "--input-type=module",
    "-e",
    `const m = await import(${JSON.stringify(mod)});\n${script}`,
  ], { encoding: "utf8", timeout: 60_000, env: { ...process.env, SDK_LOAD_LOG: log } });
  let text = "";
  try {
    text = readFileSync(log, "utf8");
  } catch {
    // nothing loaded the SDK: the hook never wrote
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(result.status, 0, result.stderr);
  const parents = [...text.matchAll(/^sdk-load (\S+)$/gm)].map((m) => m[1]!);
  return [...new Set(parents.filter((p) => p.startsWith(SRC)).map((p) => p.slice(SRC.length)))];
}

describe("the SDK's run-time code", () => {
  it("is not loaded by this package for a plain URL, started and closed", { skip }, () => {
    const importers = sdkImporters(`
      const t = m.createUrlTransport(new URL("http://127.0.0.1:9/mcp"), { auth: "token" });
      await t.start();
      await t.close();
      const s = new m.SseTransport("http://127.0.0.1:9/sse");
      await s.close();
    `);
    assert.deepEqual(importers, []);
  });

  it("is loaded through _sdk-runtime.ts only, when a transport starts with an OAuth provider", {
    skip,
  }, () => {
    const importers = sdkImporters(`
      const auth = new m.ClientCredentialsProvider({ clientId: "a", clientSecret: "b" });
      const t = new m.StreamableHttpTransport("http://127.0.0.1:9/mcp", { auth });
      await t.start();
      await t.close();
    `);
    assert.deepEqual(importers, ["_sdk-runtime.ts"]);
  });
});
