import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadConfig } from "./mod.ts";

// Written at test time: a formatter would "fix" these files if they were fixtures.
const FILES: Record<string, string> = {
  "vscode.json": `// VS Code writes .vscode/mcp.json with comments and trailing commas.
{
  "inputs": [
    { "type": "promptString", "id": "api-key", "description": "API key", "password": true },
  ],
  /* two servers */
  "servers": {
    "everything": { "type": "stdio", "command": "npx", "args": ["-y", "server-everything"] },
    "docs": {
      "type": "http",
      "url": "https://docs.example.com/mcp",
      "headers": { "Authorization": "Bearer \${input:api-key}" }, // secret
    },
  },
}
`,
  "syntax.json": '{\n  "mcpServers": {\n    "weather": { "command": "npx" "args": [] }\n  }\n}\n',
  "schema.json":
    '{\n  "mcpServers": {\n    "weather": {\n      "command": ["npx"]\n    }\n  }\n}\n',
};

describe("loadConfig()", () => {
  let dir = "";
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "mcpwire-config-"));
    for (const [name, text] of Object.entries(FILES)) await writeFile(join(dir, name), text);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function loadError(path: string): Promise<ConfigError> {
    const err = await loadConfig(path).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${err}`);
    return err;
  }

  it("reads JSON with comments and trailing commas (VS Code's mcp.json)", async () => {
    const config = await loadConfig(join(dir, "vscode.json"));
    assert.deepEqual(Object.keys(config.mcpServers), ["everything", "docs"]);
    assert.equal(config.inputs?.[0]?.id, "api-key");
    assert.deepEqual(config.mcpServers.docs?.headers, { Authorization: "Bearer ${input:api-key}" });
  });

  it("names the file, line and column of a syntax error", async () => {
    const path = join(dir, "syntax.json");
    const err = await loadError(path);
    assert.equal(err.message, `${path}:3:35: syntax error: unexpected '"'; expected ',' or '}'`);
    assert.deepEqual([err.file, err.line, err.column], [path, 3, 35]);
  });

  it("names the JSON path and its position for a schema error", async () => {
    const path = join(dir, "schema.json");
    const err = await loadError(path);
    assert.equal(
      err.message,
      `${path}:4:18: mcpServers.weather.command: expected a string, got an array`,
    );
    assert.equal(err.path, "mcpServers.weather.command");
  });

  it("says when the file does not exist", async () => {
    const path = join(dir, "missing.json");
    const err = await loadError(path);
    assert.equal(err.message, `${path}: cannot read the config file: no such file`);
  });
});
