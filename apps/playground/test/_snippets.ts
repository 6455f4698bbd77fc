// "Copy as TypeScript" runs as copied: each kind of snippet is written into a fresh project outside
// the repository, whose node_modules links the public @mcpwire packages only, and run with this
// runtime. The sources are the ones the playground announces in its hello event. The snippets are
// split over two test files (snippets.test.ts, snippets-more.test.ts) so that neither comes near the test
// runner's 120 s per file when the machine is loaded: each run starts a runtime, and the server.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { createPlayground } from "../src/playground.ts";
import { events } from "../src/_test_sse.ts";
import { asTypeScript, type Call, type SnippetSources } from "../ui/snippets.ts";
import { runtimeArgs } from "@mcpwire/testing";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const FIXTURE = fileURLToPath(new URL("./fixtures/demo-stdio.ts", import.meta.url));
const PACKAGES = ["core", "config", "transport-stdio", "transport-http"];

function run(dir: string, file: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, runtimeArgs(file, { outside: true }), {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 100_000);
    child.on("error", (e) => (clearTimeout(timer), reject(e)));
    child.on("close", (code) => (clearTimeout(timer), resolve({ code, out })));
  });
}

/** A snippet to run: what it shows, the call it copies, and what its output must contain. */
export type SnippetCase = [what: string, call: Call, expected: RegExp];

/** Builds a recorded call of the demo server with these fields. */
export const call = (c: Partial<Call> & Pick<Call, "kind" | "name">): Call => ({
  id: "1",
  server: "demo",
  args: {},
  at: 0,
  ...c,
});

/** One suite that copies each case as TypeScript and runs it in a fresh project. */
export function snippetTests(title: string, cases: SnippetCase[]): void {
  describe(title, () => {
    let dir = "";
    let sources: SnippetSources = {};

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), "mcpwire-snippets-"));
      await mkdir(join(dir, "node_modules", "@mcpwire"), { recursive: true });
      for (const name of PACKAGES) {
        await symlink(
          join(ROOT, "packages", name),
          join(dir, "node_modules", "@mcpwire", name),
          "dir",
        );
      }
      const dependencies = Object.fromEntries(PACKAGES.map((n) => [`@mcpwire/${n}`, "*"]));
      await writeFile(
        join(dir, "package.json"),
        JSON.stringify({ name: "snippets", private: true, type: "module", dependencies }),
      );
      const config = join(dir, "mcp.json");
      // The config's server runs from the snippet's folder.
      const args = runtimeArgs(FIXTURE, { outside: true });
      const command = process.execPath;
      await writeFile(config, JSON.stringify({ mcpServers: { files: { command, args } } }));
      await using playground = createPlayground({ demo: true, configPath: config });
      const stream = events(
        await playground.fetch(new Request("http://127.0.0.1/playground/events")),
      );
      try {
        sources = (await stream.next("hello") as { snippets: SnippetSources }).snippets;
      } finally {
        await stream.close();
      }
    });
    after(() => rm(dir, { recursive: true, force: true }));

    cases.forEach(([what, c, expected], i) => {
      it(`runs the snippet of ${what} as copied`, async () => {
        const code = asTypeScript(c, sources);
        assert.doesNotMatch(code, /@mcpwire\/playground|dist\/|"mcp\.json"/);
        const file = `snippet-${i}.ts`;
        await writeFile(join(dir, file), code);
        const result = await run(dir, file);
        assert.equal(result.code, 0, `${code}\n---\n${result.out}`);
        assert.match(result.out, expected, result.out);
      });
    });
  });
}
