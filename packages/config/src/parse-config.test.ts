import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ConfigError, parseConfig } from "./mod.ts";

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${err}`);
    assert.equal(err.code, "CONFIG");
    return err;
  }
  assert.fail("expected a ConfigError");
}

describe("parseConfig()", () => {
  it("accepts the mcpServers shape and keeps unknown keys", () => {
    const config = parseConfig({
      $schema: "x",
      mcpServers: {
        weather: { command: "npx", args: ["-y", "weather"], env: { K: "v" }, icon: "☀" },
        docs: { url: "https://example.com/mcp", headers: { Authorization: "Bearer t" } },
      },
    });
    assert.deepEqual(config.mcpServers.weather, {
      command: "npx",
      args: ["-y", "weather"],
      env: { K: "v" },
      icon: "☀",
    });
    assert.equal(config.$schema, "x");
    assert.equal((config.mcpServers.docs as { url: string }).url, "https://example.com/mcp");
  });

  it("accepts VS Code's servers shape with its inputs", () => {
    const config = parseConfig({
      inputs: [{ type: "promptString", id: "token", description: "API token", password: true }],
      servers: {
        github: {
          type: "http",
          url: "https://api.example.com/mcp",
          headers: { A: "${input:token}" },
        },
        local: { type: "stdio", command: "node", args: ["server.js"] },
      },
    });
    assert.deepEqual(Object.keys(config.mcpServers), ["github", "local"]);
    assert.equal(config.inputs?.[0]?.id, "token");
    assert.equal(config.mcpServers.github?.type, "http");
  });

  it("accepts FastMCP's fallback: a top-level map of servers", () => {
    const config = parseConfig({ a: { command: "node" }, b: { url: "http://127.0.0.1:1/mcp" } });
    assert.deepEqual(Object.keys(config.mcpServers), ["a", "b"]);
  });

  it("normalizes keep_alive to keepAlive", () => {
    const config = parseConfig({ mcpServers: { a: { command: "node", keep_alive: false } } });
    assert.equal(config.mcpServers.a?.keepAlive, false);
  });

  it("names the JSON path of a wrong type", () => {
    const err = configError(() => parseConfig({ mcpServers: { weather: { command: 42 } } }));
    assert.equal(err.message, "mcpServers.weather.command: expected a string, got a number (42)");
    assert.equal(err.path, "mcpServers.weather.command");
  });

  it("names array items and reports every issue", () => {
    const err = configError(() =>
      parseConfig({ mcpServers: { w: { command: "x", args: ["a", 1], env: { A: true } } } })
    );
    assert.match(err.message, /^mcpServers\.w\.args\[1\]: expected a string, got a number \(1\)/);
    assert.match(err.message, /mcpServers\.w\.env\.A: expected a string, got a boolean/);
  });

  it("rejects an entry with neither command nor url", () => {
    const err = configError(() => parseConfig({ mcpServers: { x: { args: [] } } }));
    assert.equal(
      err.message,
      'mcpServers.x: expected "command" (a stdio server) or "url" (a remote server)',
    );
  });

  it("rejects an entry with both command and url", () => {
    const err = configError(() => parseConfig({ mcpServers: { x: { command: "a", url: "b" } } }));
    assert.match(
      err.message,
      /^mcpServers\.x: expected either "command" \(stdio\) or "url" \(remote\), not both/,
    );
  });

  it("rejects an unknown remote transport", () => {
    const err = configError(() =>
      parseConfig({ servers: { x: { type: "websocket", url: "ws://h" } } })
    );
    assert.match(
      err.message,
      /^servers\.x\.type: expected "http" or "streamable-http" or "sse", got "websocket"/,
    );
  });

  it("rejects a document without servers", () => {
    const err = configError(() => parseConfig({ name: "nothing here" }));
    assert.match(err.message, /^\(root\): expected "mcpServers"/);
    assert.match(
      configError(() => parseConfig([])).message,
      /^\(root\): expected an object, got an array/,
    );
    assert.match(
      configError(() => parseConfig({ mcpServers: [] })).message,
      /^mcpServers: expected an object, got an array/,
    );
  });

  it("quotes server names that are not plain words", () => {
    const err = configError(() => parseConfig({ mcpServers: { "my server": { command: "" } } }));
    assert.equal(err.message, 'mcpServers["my server"].command: expected a non-empty string');
  });

  it("validates inputs and timeout", () => {
    let err = configError(() => parseConfig({ inputs: [{}], servers: { a: { command: "x" } } }));
    assert.equal(err.message, "inputs[0].id: expected a string");
    err = configError(() => parseConfig({ mcpServers: { a: { command: "x", timeout: -5 } } }));
    assert.equal(err.message, "mcpServers.a.timeout: expected a number above 0");
  });

  it("names the file when given", () => {
    const err = configError(() => parseConfig({ mcpServers: { a: {} } }, { file: "mcp.json" }));
    assert.match(err.message, /^mcp\.json: mcpServers\.a: /);
    assert.equal(err.file, "mcp.json");
  });
});
