// The transport through @mcpwire/core's Client: file inference, keepAlive and crash reporting.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { Client, ConnectionError, TimeoutError } from "@mcpwire/core";
import { StdioTransport } from "./stdio-transport.ts";
import { StdoutNoiseError } from "./stdout-noise-error.ts";
import { alive, FIXTURES, SERVER_PY } from "./_test_util.ts";

describe("StdioTransport with @mcpwire/core", () => {
  it('new Client("server.py") launches the file and calls a tool', async () => {
    const client = new Client(SERVER_PY, { stderr: "ignore" });
    try {
      await client.connect();
      const result = await client.callTool("add", { a: 5, b: 3 });
      assert.deepEqual(result.data, { sum: 8 });
    } finally {
      await client.close();
    }
  });

  it('new Client("server.ts") runs a TypeScript server with the caller\'s runtime', async () => {
    const client = new Client(join(FIXTURES, "server.ts"), { stderr: "ignore" });
    try {
      await client.connect();
      assert.equal(client.initializeResult?.serverInfo?.name, "fixture-ts");
    } finally {
      await client.close();
    }
  });

  it("a kept-alive server survives await using blocks; close() ends it", async () => {
    const transport = new StdioTransport({
      command: "python3",
      args: [SERVER_PY],
      stderr: "ignore",
    });
    const client = new Client(transport);
    let pid: number | undefined;
    {
      await using c = await client.connect();
      await c.callTool("add", { a: 1, b: 1 });
      pid = transport.pid;
    }
    assert.ok(pid !== undefined && alive(pid), "still running after the block");
    {
      await using c = await client.connect();
      await c.callTool("add", { a: 1, b: 2 });
      assert.equal(transport.pid, pid, "the same process");
    }
    await client.close();
    assert.equal(alive(pid), false);
  });

  it("keepAlive: false ends the server when the block ends", async () => {
    const transport = new StdioTransport({
      command: "python3",
      args: [SERVER_PY],
      stderr: "ignore",
      keepAlive: false,
    });
    const client = new Client(transport);
    let pid: number | undefined;
    {
      await using c = await client.connect();
      await c.callTool("add", { a: 1, b: 1 });
      pid = transport.pid;
    }
    assert.equal(client.isConnected(), false);
    assert.ok(pid !== undefined);
    assert.equal(alive(pid), false);
  });

  it("a crash rejects the pending call with a ConnectionError naming the command and stderr", async () => {
    const client = new Client(SERVER_PY, { stderr: "ignore" });
    try {
      await client.connect();
      await assert.rejects(client.callTool("crash", {}), (err) => {
        assert.ok(err instanceof ConnectionError, String(err));
        assert.match(err.message, /python3 .*server\.py` exited with code 3/);
        assert.match(err.message, /fatal: the fixture crashed on purpose/);
        return true;
      });
      // The next connect() respawns the server.
      await client.connect();
      const result = await client.callTool("add", { a: 2, b: 2 });
      assert.deepEqual(result.data, { sum: 4 });
    } finally {
      await client.close();
    }
  });

  it("a StdioTransport source's handshake timeout names the command", async () => {
    const transport = new StdioTransport({
      command: "python3",
      args: [SERVER_PY, "--no-init"],
      stderr: "ignore",
      shutdownGraceMs: 300,
    });
    const client = new Client(transport, { initTimeout: 300 });
    try {
      const error = await client.connect().catch((e) => e);
      assert.ok(error instanceof TimeoutError, String(error));
      assert.match(
        error.message,
        /initialize on server 'python3 .*server\.py --no-init' timed out/,
      );
    } finally {
      await client.close();
    }
  });

  it("a timed-out call leaves nothing in flight, and the server's late answer is dropped", async () => {
    const transport = new StdioTransport({
      command: "python3",
      args: [SERVER_PY],
      stderr: "ignore",
    });
    const client = new Client(transport);
    try {
      await client.connect();
      await assert.rejects(client.callTool("sleep", { ms: 300 }, { timeout: 20 }), TimeoutError);
      assert.equal(transport.pendingRequests, 0);
      // The Python fixture answers in order: this answer comes after the late one.
      assert.deepEqual((await client.callTool("add", { a: 2, b: 2 })).data, { sum: 4 });
      assert.equal(transport.pendingRequests, 0);
    } finally {
      await client.close();
    }
  });

  it("stdout noise reaches the client's onWarning", async () => {
    const warnings: Error[] = [];
    const client = new Client(pythonFile(["--junk"]), {
      onWarning: (warning) => void warnings.push(warning),
    });
    try {
      await client.connect();
      await client.callTool("add", { a: 1, b: 1 });
      assert.ok(warnings.length >= 1, "no warning");
      assert.ok(warnings[0] instanceof StdoutNoiseError, String(warnings[0]));
      assert.match(warnings[0].message, /python3 .*server\.py --junk` wrote \d+ non-JSON line/);
    } finally {
      await client.close();
    }
  });

  it("without onWarning, stdout noise is one line on stderr", async () => {
    const lines: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void lines.push(args);
    const client = new Client(pythonFile(["--junk"]));
    try {
      await client.connect();
      await client.callTool("add", { a: 1, b: 1 });
    } finally {
      console.warn = warn;
      await client.close();
    }
    assert.ok(lines.length >= 1, "nothing written");
    assert.equal(lines[0]!.length, 1);
    assert.match(
      String(lines[0]![0]),
      /^mcpwire: server `python3 .*` wrote \d+ non-JSON line[^\n]*$/,
    );
  });
});

function pythonFile(flags: string[]): StdioTransport {
  return new StdioTransport({ command: "python3", args: [SERVER_PY, ...flags], stderr: "ignore" });
}
