// "Copy as TypeScript" runs as copied: each kind of snippet (a tool with no dialog, with an
// elicitation, with a sampling request; a resource; a prompt; a server of a config file) is
// written into a fresh project outside the repository, whose node_modules links the public
// @mcpwire packages only, and run with this runtime. The sources are the ones the playground
// announces in its hello event.
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

/** How this runtime runs a TypeScript file of a project with the workspace's sources linked. */
function runner(): string[] {
  if ("Deno" in globalThis) return ["run", "-A", "--conditions=@mcpwire/source"];
  if ("Bun" in globalThis) return ["--conditions=@mcpwire/source"];
  return ["--conditions=@mcpwire/source", "--import", import.meta.resolve("tsx")];
}

function run(dir: string, file: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...runner(), file], {
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

const call = (c: Partial<Call> & Pick<Call, "kind" | "name">): Call => ({
  id: "1",
  server: "demo",
  args: {},
  at: 0,
  ...c,
});

describe("copy as TypeScript", () => {
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
    // The config's server runs from the snippet's folder: tsx by its path, not by name.
    const args = runtimeArgs(FIXTURE).map((a) => a === "tsx" ? import.meta.resolve("tsx") : a);
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

  const cases: [string, Call, RegExp][] = [
    ["a tool call", call({ kind: "tool", name: "add", args: { a: 2, b: 3 } }), /"sum": 5/],
    [
      "a tool call that asked an elicitation",
      call({
        kind: "tool",
        name: "ask_name",
        answers: [{ kind: "elicitation", body: { action: "accept", content: { name: "Ada" } } }],
      }),
      /Hello, Ada!/,
    ],
    [
      "a tool call that asked for sampling",
      call({
        kind: "tool",
        name: "summarize",
        args: { text: "a long text" },
        answers: [{ kind: "sampling", body: { action: "accept", text: "short" } }],
      }),
      /Summary \(playground\): short/,
    ],
    ["a resource read", call({ kind: "resource", name: "demo://readme" }), /# mcpwire demo/],
    ["a prompt", call({ kind: "prompt", name: "greeting", args: { name: "Ada" } }), /for Ada/],
    [
      "a call to a server of the config file",
      call({ server: "files", kind: "tool", name: "add", args: { a: 1, b: 1 } }),
      /"sum": 2/,
    ],
  ];
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
