import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import process from "node:process";
import { ConnectionError, UnsupportedSourceError } from "@mcpwire/core";
import { commandForFile, createFileTransport } from "./file-transport.ts";
import { connectClient, FIXTURES, SERVER_PY } from "./_test_util.ts";

type Text = { content: { text: string }[] };
const runtime = "Deno" in globalThis ? "deno" : "Bun" in globalThis ? "bun" : "node";

async function callOnce(path: string, options = {}): Promise<string> {
  const transport = createFileTransport(path, { stderr: "ignore", ...options });
  const client = await connectClient(transport);
  try {
    const result = await client.callTool({ name: "runtime", arguments: {} });
    return (result as Text).content[0]!.text;
  } finally {
    await client.close();
  }
}

describe("createFileTransport", () => {
  it("createFileTransport() runs a .py file with python3", async () => {
    assert.deepEqual(commandForFile(SERVER_PY), { command: "python3", args: [SERVER_PY] });
    const transport = createFileTransport(SERVER_PY, { stderr: "ignore" });
    const client = await connectClient(transport);
    try {
      assert.equal(client.getServerVersion()?.name, "fixture-py");
    } finally {
      await client.close();
    }
  });

  it("createFileTransport() runs a .mjs file with the caller's runtime", async () => {
    const { command } = commandForFile(join(FIXTURES, "server.mjs"));
    assert.equal(command, process.execPath);
    assert.equal(await callOnce(join(FIXTURES, "server.mjs")), runtime);
  });

  it("createFileTransport() runs a .ts file with the caller's runtime and passes args", async () => {
    const text = await callOnce(join(FIXTURES, "server.ts"), { args: ["--flag", "x"] });
    assert.equal(text, `${runtime} --flag x`);
  });

  it("createFileTransport() uses the given interpreter", () => {
    const { command, args } = commandForFile(SERVER_PY, ["uv", "run", "python"]);
    assert.equal(command, "uv");
    assert.deepEqual(args, ["run", "python", SERVER_PY]);
  });

  it("createFileTransport() names a file that does not exist", () => {
    assert.throws(
      () => createFileTransport("no/such/server.py", {}),
      (err) =>
        err instanceof UnsupportedSourceError &&
        /server file not found: .*no\/such\/server\.py/.test(err.message),
    );
  });

  it("createFileTransport() refuses an unknown extension", () => {
    assert.throws(
      () => createFileTransport(join(FIXTURES, "wrapper.sh"), {}),
      (err) =>
        err instanceof UnsupportedSourceError && /unsupported extension '\.sh'/.test(err.message),
    );
  });

  it("createFileTransport() checks option types", () => {
    assert.throws(() => createFileTransport(SERVER_PY, { args: "x" }), /option `args` must be/);
    assert.throws(() => createFileTransport(SERVER_PY, { keepAlive: "yes" }), /`keepAlive`/);
    assert.throws(() => createFileTransport(SERVER_PY, { stderr: "pipe" }), /`stderr`/);
    assert.throws(() => createFileTransport(SERVER_PY, { env: { A: 1 } }), /`env`/);
    assert.equal(createFileTransport(SERVER_PY, { keepAlive: false }).keepAlive, false);
  });

  it("createFileTransport() reports a missing interpreter when the server starts", async () => {
    const transport = createFileTransport(SERVER_PY, { interpreter: "mcpwire-no-python" });
    await assert.rejects(
      transport.start(),
      (err) =>
        err instanceof ConnectionError && /command not found: mcpwire-no-python/.test(err.message),
    );
  });
});
