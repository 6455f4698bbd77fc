import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { ConnectionError } from "@mcpwire/core";
import { StdioTransport } from "./stdio-transport.ts";
import { eventually, runtimeArgs } from "@mcpwire/testing";
import { alive, connectClient, FIXTURES, pythonServer, record, REPO_ROOT } from "./_test_util.ts";

type Text = { content: { text: string }[] };
const textOf = (result: unknown) => (result as Text).content[0]!.text;

describe("StdioTransport", () => {
  it("StdioTransport delivers a progress notification before its response, also from an earlier chunk", async () => {
    const transport = new StdioTransport({
      command: process.execPath,
      args: runtimeArgs(join(FIXTURES, "split-progress-server.mjs")),
    });
    const client = await connectClient(transport);
    try {
      const seen = Array.from({ length: 200 }, () => 0);
      await Promise.all(seen.map((_, i) =>
        client.callTool({ name: "step", arguments: {} }, {
          onprogress: () => void (seen[i] = seen[i]! + 1),
        })
      ));
      assert.deepEqual(seen.filter((n) => n !== 1), [], "every call saw its one progress");
    } finally {
      await client.close();
    }
  });

  it("StdioTransport talks to a Python server through the SDK client", async () => {
    const transport = pythonServer();
    const client = await connectClient(transport);
    try {
      assert.equal(client.getServerVersion()?.name, "fixture-py");
      const tools = await client.listTools();
      assert.ok(tools.tools.some((t) => t.name === "add"));
      const result = await client.callTool({ name: "add", arguments: { a: 5, b: 3 } });
      assert.deepEqual(result.structuredContent, { sum: 8 });
      const echo = await client.callTool({ name: "echo", arguments: { text: "héllo 🌍" } });
      assert.equal(textOf(echo), "héllo 🌍");
    } finally {
      await client.close();
    }
    assert.equal(
      await eventually(() => !alive(transport.pid ?? -1) || transport.pid === undefined),
      true,
    );
  });

  it("StdioTransport.keepAlive defaults to true and can be turned off", () => {
    assert.equal(new StdioTransport({ command: "python3" }).keepAlive, true);
    assert.equal(new StdioTransport({ command: "python3", keepAlive: false }).keepAlive, false);
  });

  it("StdioTransport.close() ends the server and calls onclose once", async () => {
    const transport = pythonServer();
    const log = record(transport);
    const client = await connectClient(transport);
    const pid = transport.pid!;
    assert.equal(alive(pid), true);
    await client.close();
    await transport.close();
    assert.equal(alive(pid), false);
    assert.deepEqual(log.events, ["close"]);
  });

  it("StdioTransport.close() before start() resolves and reports the close", async () => {
    const transport = pythonServer();
    const log = record(transport);
    await transport.close();
    assert.deepEqual(log.events, ["close"]);
  });

  it("StdioTransport.start() while the server runs is an error", async () => {
    const transport = pythonServer();
    await transport.start();
    try {
      await assert.rejects(transport.start(), /is already running/);
    } finally {
      await transport.close();
    }
  });

  it("StdioTransport.start() after close() or a crash spawns a fresh server", async () => {
    const transport = pythonServer();
    const first = await connectClient(transport);
    const firstPid = transport.pid!;
    await first.close();
    const second = await connectClient(transport);
    const secondPid = transport.pid!;
    assert.notEqual(secondPid, firstPid);
    await assert.rejects(second.callTool({ name: "crash", arguments: {} }));
    const third = await connectClient(transport);
    try {
      const result = await third.callTool({ name: "add", arguments: { a: 1, b: 1 } });
      assert.deepEqual(result.structuredContent, { sum: 2 });
      assert.notEqual(transport.pid, secondPid);
    } finally {
      await third.close();
    }
  });

  it("StdioTransport.send() after close() rejects with ConnectionError", async () => {
    const transport = pythonServer();
    await transport.start();
    await transport.close();
    await assert.rejects(
      transport.send({ jsonrpc: "2.0", id: 1, method: "ping" }),
      (err) => err instanceof ConnectionError && /not connected to `python3/.test(err.message),
    );
  });

  it("StdioTransport.start() names a command that is not installed, without env values", async () => {
    const transport = new StdioTransport({
      command: "mcpwire-no-such-server",
      env: { API_TOKEN: "s3cr3t-value" },
    });
    await assert.rejects(transport.start(), (err) => {
      assert.ok(err instanceof ConnectionError);
      assert.match(err.message, /command not found: mcpwire-no-such-server/);
      assert.doesNotMatch(err.message, /s3cr3t/);
      return true;
    });
  });

  it("StdioTransport passes only a safe environment unless inheritEnv is set", async () => {
    process.env.MCPWIRE_TEST_PARENT_SECRET = "parent-value";
    try {
      const envOf = async (options: Parameters<typeof pythonServer>[1], name: string) => {
        const transport = pythonServer([], options);
        const client = await connectClient(transport);
        try {
          return textOf(await client.callTool({ name: "env", arguments: { name } }));
        } finally {
          await client.close();
        }
      };
      assert.equal(await envOf({}, "MCPWIRE_TEST_PARENT_SECRET"), "<unset>");
      assert.notEqual(await envOf({}, "PATH"), "<unset>");
      assert.equal(await envOf({ inheritEnv: true }, "MCPWIRE_TEST_PARENT_SECRET"), "parent-value");
      assert.equal(await envOf({ env: { GIVEN: "given-value" } }, "GIVEN"), "given-value");
    } finally {
      delete process.env.MCPWIRE_TEST_PARENT_SECRET;
    }
  });

  it("StdioTransport hands each stderr line to a callback and keeps the tail", async () => {
    const lines: string[] = [];
    const transport = pythonServer([], { stderr: (line) => lines.push(line) });
    const client = await connectClient(transport);
    try {
      await client.callTool({ name: "log", arguments: { text: "first" } });
      await client.callTool({ name: "log", arguments: { text: "second" } });
      assert.equal(await eventually(() => lines.length >= 2), true);
      assert.deepEqual(lines.slice(-2), ["first", "second"]);
      assert.deepEqual(transport.stderrTail.slice(-2), ["first", "second"]);
    } finally {
      await client.close();
    }
  });

  it("StdioTransport appends stderr to { file }", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpwire-stderr-"));
    try {
      const file = join(dir, "server.log");
      const transport = pythonServer([], { stderr: { file } });
      const client = await connectClient(transport);
      await client.callTool({ name: "log", arguments: { text: "to the file" } });
      await client.close();
      assert.equal(
        await eventually(() => readFileSync(file, "utf8").includes("to the file")),
        true,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("StdioTransport keeps the stderr tail when stderr is ignored", async () => {
    const transport = pythonServer([], { stderr: "ignore" });
    const client = await connectClient(transport);
    try {
      await client.callTool({ name: "log", arguments: { text: "kept anyway" } });
      assert.equal(await eventually(() => transport.stderrTail.includes("kept anyway")), true);
    } finally {
      await client.close();
    }
  });

  it("StdioTransport lets the caller exit while a kept-alive server is idle", async () => {
    const script = join(FIXTURES, "idle-client.ts");
    const child = spawn(process.execPath, runtimeArgs(script), {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => (out += text));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    try {
      assert.equal(await exited, 0, "the caller exited by itself");
      const serverPid = Number(/server pid (\d+)/.exec(out)?.[1]);
      assert.ok(serverPid > 0, out);
      assert.equal(await eventually(() => !alive(serverPid)), true, "the server is gone too");
    } finally {
      clearTimeout(timer);
      child.kill("SIGKILL");
    }
  });
});
