import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ConfigError, type InputRequest, interpolate, parseConfig, resolveConfig } from "./mod.ts";

const where = { server: "weather" };

async function rejection(promise: Promise<unknown>): Promise<ConfigError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${err}`);
  return err;
}

describe("interpolate()", () => {
  it("replaces ${VAR}, ${env:VAR} and ${VAR:-default}", async () => {
    const env = { HOST: "example.com", EMPTY: "" };
    assert.equal(await interpolate("https://${HOST}/x", where, { env }), "https://example.com/x");
    assert.equal(await interpolate("${env:HOST}", where, { env }), "example.com");
    assert.equal(await interpolate("${PORT:-8080}", where, { env }), "8080");
    assert.equal(await interpolate("${EMPTY:-fallback}", where, { env }), "fallback");
    assert.equal(await interpolate("${EMPTY}", where, { env }), "");
    assert.equal(await interpolate("cost: $5, $${HOST}", where, { env }), "cost: $5, ${HOST}");
  });

  it("reads variables before the environment", async () => {
    const text = "${workspaceFolder}/server.js";
    const options = { env: { workspaceFolder: "/env" }, variables: { workspaceFolder: "/w" } };
    assert.equal(await interpolate(text, where, options), "/w/server.js");
  });

  it("names the variable and the server when a variable is missing", async () => {
    const err = await rejection(interpolate("${API_KEY}", where, { env: {} }));
    assert.equal(
      err.message,
      "server 'weather': environment variable API_KEY is not set and ${API_KEY} has no default " +
        "(write ${API_KEY:-default} to give one)",
    );
  });

  it("rejects a malformed placeholder", async () => {
    const err = await rejection(interpolate("${not a name}", where, { env: {} }));
    assert.equal(err.message, "server 'weather': invalid placeholder ${not a name}");
  });

  it("asks the inputs callback for ${input:id}", async () => {
    const asked: InputRequest[] = [];
    const inputs = (input: InputRequest) => {
      asked.push(input);
      return "s3cret";
    };
    assert.equal(await interpolate("Bearer ${input:token}", where, { inputs }), "Bearer s3cret");
    assert.deepEqual(asked, [{ id: "token", server: "weather" }]);
  });

  it("explains that ${input:id} needs a callback", async () => {
    const err = await rejection(interpolate("${input:token}", where));
    assert.match(
      err.message,
      /^server 'weather' needs input 'token' \(\$\{input:token\}\) but no inputs callback/,
    );
  });
});

describe("resolveConfig()", () => {
  it("resolves args, env, url and headers with the JSON path in errors", async () => {
    const config = parseConfig({
      inputs: [{ id: "key", type: "promptString", description: "API key", password: true }],
      servers: {
        local: {
          command: "node",
          args: ["${DIR}/s.js"],
          env: { TOKEN: "${input:key}" },
          other: "${X}",
        },
        remote: {
          url: "https://${HOST:-h}/mcp",
          headers: { Authorization: "Bearer ${input:key}" },
        },
        off: { command: "${MISSING}", disabled: true },
      },
    });
    const asked: InputRequest[] = [];
    const resolved = await resolveConfig(config, {
      env: { DIR: "/srv" },
      inputs: (input) => {
        asked.push(input);
        return "k";
      },
    });
    assert.deepEqual(resolved.mcpServers.local, {
      command: "node",
      args: ["/srv/s.js"],
      env: { TOKEN: "k" },
      other: "${X}",
    });
    assert.deepEqual(resolved.mcpServers.remote, {
      url: "https://h/mcp",
      headers: { Authorization: "Bearer k" },
    });
    assert.equal(resolved.mcpServers.off?.command, "${MISSING}");
    assert.equal(asked.length, 1, "each input is asked for once");
    assert.equal(asked[0]?.definition?.description, "API key");
  });

  it("fails on a missing variable, naming the server and the path", async () => {
    const config = parseConfig({
      mcpServers: { gh: { url: "https://x/mcp", headers: { A: "${GH_TOKEN}" } } },
    });
    const err = await rejection(resolveConfig(config, { env: {} }));
    assert.match(
      err.message,
      /^mcpServers\.gh\.headers\.A: server 'gh': environment variable GH_TOKEN is not set/,
    );
  });
});
