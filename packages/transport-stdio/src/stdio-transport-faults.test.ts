import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { ConnectionError } from "@mcpwire/core";
import { StdioTransport } from "./stdio-transport.ts";
import { StdoutNoiseError } from "./stdout-noise-error.ts";
import { eventually } from "@mcpwire/testing";
import { alive, connectClient, FIXTURES, pythonServer, record } from "./_test_util.ts";

describe("StdioTransport faults", () => {
  it("a server killed with SIGKILL mid-call rejects the call at once and names the signal", async () => {
    const transport = pythonServer();
    const log = record(transport);
    const client = await connectClient(transport);
    try {
      const call = client.callTool({ name: "sleep", arguments: { ms: 20_000 } }, {
        timeout: 30_000,
      });
      setTimeout(() => process.kill(transport.pid!, "SIGKILL"), 100);
      await assert.rejects(call);
      assert.deepEqual(log.events, ["error", "close"]);
      const [error] = log.errors;
      assert.ok(error instanceof ConnectionError);
      assert.match(error.message, /server `python3 .*server\.py` was killed by SIGKILL/);
    } finally {
      await client.close();
    }
  });

  it("a server that exits reports its exit code and stderr tail before onclose", async () => {
    const transport = pythonServer();
    const log = record(transport);
    const client = await connectClient(transport);
    try {
      await assert.rejects(client.callTool({ name: "crash", arguments: {} }));
      assert.deepEqual(log.events, ["error", "close"]);
      assert.match(log.errors[0]!.message, /exited with code 3/);
      assert.match(log.errors[0]!.message, /fatal: the fixture crashed on purpose/);
      await assert.rejects(client.callTool({ name: "add", arguments: { a: 1, b: 1 } }));
    } finally {
      await client.close();
    }
  });

  it("junk lines on stdout are reported once per burst and skipped", async () => {
    const transport = pythonServer(["--junk"]);
    const log = record(transport);
    const client = await connectClient(transport);
    try {
      for (let i = 0; i < 5; i++) {
        const result = await client.callTool({ name: "add", arguments: { a: i, b: 1 } });
        assert.deepEqual(result.structuredContent, { sum: i + 1 });
      }
      assert.ok(log.errors.length >= 1);
      assert.ok(log.errors.length <= 7, `${log.errors.length} reports`);
      assert.ok(
        log.errors.every((e) => e instanceof StdoutNoiseError && /non-JSON/.test(e.message)),
      );
      assert.ok(log.errors.every((e) => !(e instanceof ConnectionError)), "not a disconnect");
      assert.ok(!log.events.includes("close"));
    } finally {
      await client.close();
    }
  });

  it("a message over maxMessageBytes is a clear error, not an out-of-memory", async () => {
    const transport = pythonServer([], { maxMessageBytes: 64 * 1024 });
    const log = record(transport);
    const client = await connectClient(transport);
    const pid = transport.pid!;
    try {
      await assert.rejects(client.callTool({ name: "big", arguments: { bytes: 1_000_000 } }));
      assert.deepEqual(log.events, ["error", "close"]);
      assert.match(log.errors[0]!.message, /larger than maxMessageBytes \(65536 bytes\)/);
      assert.equal(await eventually(() => !alive(pid)), true);
    } finally {
      await client.close();
    }
  });

  it("a server that never answers initialize times out and is stopped", async () => {
    const transport = pythonServer(["--no-init"]);
    await assert.rejects(connectClient(transport, { timeout: 300 }));
    const pid = transport.pid;
    await transport.close();
    assert.ok(pid === undefined || !alive(pid));
  });

  it("a server ignoring stdin close and SIGTERM is killed with SIGKILL", async () => {
    const transport = pythonServer(["--stubborn"], { shutdownGraceMs: 150 });
    const client = await connectClient(transport);
    const pid = transport.pid!;
    await client.callTool({ name: "add", arguments: { a: 1, b: 2 } });
    await client.close();
    assert.equal(alive(pid), false);
  });

  it("a wrapper script's grandchildren are gone after close", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpwire-wrapper-"));
    const pidFile = join(dir, "pids");
    const transport = new StdioTransport({
      command: join(FIXTURES, "wrapper.sh"),
      args: ["--grandchild", pidFile],
      stderr: "ignore",
      shutdownGraceMs: 300,
    });
    const client = await connectClient(transport);
    let pids: number[] = [];
    try {
      await client.callTool({ name: "add", arguments: { a: 1, b: 2 } });
      pids = readFileSync(pidFile, "utf8").split(" ").map(Number);
      assert.equal(pids.length, 2);
      assert.ok(pids.every(alive), "server and its helper run");
    } finally {
      await client.close();
      rmSync(dir, { recursive: true, force: true });
    }
    assert.equal(alive(transport.pid ?? -1), false);
    assert.deepEqual(pids.filter(alive), [], "no process left behind");
  });

  it("a crashed server's helper processes are ended too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcpwire-crash-"));
    const pidFile = join(dir, "pids");
    const transport = pythonServer(["--grandchild", pidFile]);
    const log = record(transport);
    const client = await connectClient(transport);
    let pids: number[] = [];
    try {
      pids = readFileSync(pidFile, "utf8").split(" ").map(Number);
      assert.ok(alive(pids[1]!), "the helper runs");
      await assert.rejects(client.callTool({ name: "crash", arguments: {} }));
      assert.deepEqual(log.events, ["error", "close"]);
      assert.equal(await eventually(() => !alive(pids[1]!)), true, "the helper is gone");
    } finally {
      await client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("5,000 concurrent calls all succeed without listener warnings", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    const transport = pythonServer();
    const client = await connectClient(transport);
    try {
      const results = await Promise.all(
        Array.from(
          { length: 5000 },
          (_, i) => client.callTool({ name: "add", arguments: { a: i, b: 1 } }),
        ),
      );
      results.forEach((r, i) => assert.deepEqual(r.structuredContent, { sum: i + 1 }));
      assert.ok(!warnings.includes("MaxListenersExceededWarning"), warnings.join());
    } finally {
      process.off("warning", onWarning);
      await client.close();
    }
  });
});
