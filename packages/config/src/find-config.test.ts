import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, findConfig } from "./mod.ts";

describe("findConfig()", () => {
  let root = "";
  before(async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), "mcpwire-find-")));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("finds .vscode/mcp.json, then prefers mcp.json in the same folder", async () => {
    const project = join(root, "p1");
    await mkdir(join(project, ".vscode"), { recursive: true });
    await writeFile(join(project, ".vscode", "mcp.json"), "{}");
    assert.equal(await findConfig(project, { home: false }), join(project, ".vscode", "mcp.json"));
    await writeFile(join(project, ".cursor"), "not a folder");
    await writeFile(join(project, "mcp.json"), "{}");
    assert.equal(await findConfig(project, { home: false }), join(project, "mcp.json"));
  });

  it("walks up from a subfolder", async () => {
    const project = join(root, "p2");
    await mkdir(join(project, "src", "deep"), { recursive: true });
    await writeFile(join(project, ".mcp.json"), "{}");
    assert.equal(
      await findConfig(join(project, "src", "deep"), { home: false }),
      join(project, ".mcp.json"),
    );
  });

  it("says where it looked when there is no config", async () => {
    const empty = join(root, "p3");
    await mkdir(empty);
    const home = join(root, "home");
    const err = await findConfig(empty, { home }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /^no MCP config file found; looked for:\n/);
    for (
      const name of [
        "mcp.json",
        ".mcp.json",
        join(".cursor", "mcp.json"),
        join(".vscode", "mcp.json"),
      ]
    ) {
      assert.ok(err.message.includes(join(empty, name)), `mentions ${join(empty, name)}`);
    }
    assert.ok(
      err.message.includes(join(home, ".cursor", "mcp.json")),
      "mentions the home fallback",
    );
  });
});
