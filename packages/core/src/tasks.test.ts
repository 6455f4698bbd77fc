import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { McpServer, Server } from "@modelcontextprotocol/server";
import { z } from "zod";
import {
  CancelledError,
  Client,
  InputValidationError,
  McpError,
  type Task,
  ToolError,
  ToolTask,
} from "./mod.ts";
import { taskServer } from "../test/fixtures/task-server.ts";

/** Resolves when `predicate` holds for a status the task reports, or fails after `ms`. */
function statusWhere(task: ToolTask, predicate: (t: Task) => boolean, ms = 10_000): Promise<Task> {
  return new Promise((resolve, reject) => {
    if (predicate(task.lastStatus)) return resolve(task.lastStatus);
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no such status within ${ms} ms; last ${JSON.stringify(task.lastStatus)}`));
    }, ms);
    const off = task.onStatusChange((t) => {
      if (!predicate(t)) return;
      clearTimeout(timer);
      off();
      resolve(t);
    });
  });
}

/** Rejects when `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe("tasks (2025-11-25 tasks utility)", () => {
  it("callTool(…, { task: true }) returns a ToolTask whose result() is what callTool returns", async () => {
    const fixture = taskServer();
    try {
      await using client = await new Client(fixture.server).connect();
      const created = fixture.nextTask();
      const task = await client.callTool<{ doubled: number }>("work", { n: 21 }, { task: true });
      assert.ok(task instanceof ToolTask);
      assert.equal(task.taskId, await created);
      assert.equal(task.toolName, "work");
      assert.equal(task.serverName, "tasks");
      assert.equal(task.returnedImmediately, false);
      assert.equal(task.lastStatus.status, "working");
      const seen: string[] = [];
      task.onStatusChange((t) => void seen.push(`${t.status}:${t.statusMessage ?? ""}`));
      await fixture.update(task.taskId, "working", "halfway");
      await statusWhere(task, (t) => t.statusMessage === "halfway");
      const done = task.result();
      await fixture.finish(task.taskId, {
        content: [{ type: "text", text: "42" }],
        structuredContent: { doubled: 42 },
      });
      const result = await done;
      assert.equal(result.data.doubled, 42);
      assert.deepEqual(result.content, [{ type: "text", text: "42" }]);
      assert.equal(result.isError, false);
      assert.equal(await task.result(), result, "the result is kept");
      assert.equal(task.lastStatus.status, "completed");
      assert.deepEqual(seen.slice(0, 1), ["working:halfway"]);
      assert.ok(seen.at(-1)?.startsWith("completed"), seen.join(", "));
      assert.equal((await task.status()).status, "completed");
    } finally {
      fixture.close();
    }
  });

  it("the schema option types and validates a task's data too", async () => {
    const fixture = taskServer();
    try {
      await using client = await new Client(fixture.server).connect();
      const task = await client.callTool("work", { n: 1 }, {
        task: true,
        schema: z.object({ doubled: z.number().transform((n) => `#${n}`) }),
      });
      await fixture.finish(task.taskId, { content: [], structuredContent: { doubled: 2 } });
      const { data } = await task.result();
      assert.equal(data.doubled, "#2");
    } finally {
      fixture.close();
    }
  });

  it("a failed task raises ToolError from result(), or returns isError with raiseOnError: false", async () => {
    const fixture = taskServer();
    try {
      await using client = await new Client(fixture.server).connect();
      const failing = { content: [{ type: "text" as const, text: "boom" }], isError: true };
      const task = await client.callTool("work", { n: 1 }, { task: true });
      await fixture.finish(task.taskId, failing, "failed");
      await assert.rejects(task.result(), (e) => e instanceof ToolError && e.message === "boom");
      const quiet = await client.callTool("work", { n: 2 }, { task: true, raiseOnError: false });
      await fixture.finish(quiet.taskId, failing, "failed");
      const result = await quiet.result();
      assert.equal(result.isError, true);
      assert.equal(quiet.lastStatus.status, "failed");
    } finally {
      fixture.close();
    }
  });

  it("cancel() cancels on the server; result() then rejects with CancelledError", async () => {
    const fixture = taskServer();
    try {
      await using client = await new Client(fixture.server).connect();
      const task = await client.callTool("work", { n: 1 }, { task: true });
      const pending = task.result();
      const after = await task.cancel();
      assert.equal(after.status, "cancelled");
      await assert.rejects(pending, CancelledError);
      assert.equal((await client.getTask(task.taskId)).lastStatus.status, "cancelled");
      assert.equal((await task.cancel()).status, "cancelled", "cancelling again sends nothing");
    } finally {
      fixture.close();
    }
  });

  it("`await using` cancels a task that has not ended; aborting the signal cancels too", async () => {
    const fixture = taskServer();
    try {
      await using client = await new Client(fixture.server).connect();
      let id: string;
      {
        await using task = await client.callTool("work", { n: 1 }, { task: true });
        id = task.taskId;
      }
      assert.equal((await client.getTask(id)).lastStatus.status, "cancelled");
      const controller = new AbortController();
      const task = await client.callTool("work", { n: 1 }, {
        task: true,
        signal: controller.signal,
      });
      const pending = task.result();
      controller.abort();
      await assert.rejects(pending, CancelledError);
      await statusWhere(task, (t) => t.status === "cancelled");
    } finally {
      fixture.close();
    }
  });

  it("a tool whose taskSupport is required runs as a task without { task: true }", async () => {
    const fixture = taskServer();
    try {
      await using client = await new Client(fixture.server).connect();
      const created = fixture.nextTask();
      const result = await client.callTool("research", { topic: "tides" });
      assert.deepEqual(result.content, [{ type: "text", text: "report on tides" }]);
      assert.ok(await created, "it ran as a task");
    } finally {
      fixture.close();
    }
  });

  it("input_required: the server's elicitation reaches the client's elicitationHandler", async () => {
    const fixture = taskServer();
    try {
      const asked: string[] = [];
      await using client = await new Client(fixture.server, {
        elicitationHandler: (message) => (asked.push(message), { name: "Ada" }),
      }).connect();
      const task = await client.callTool("ask", {}, { task: true });
      const result = await within(task.result(), 20_000, "the ask task");
      assert.deepEqual(asked, ["Your name?"]);
      assert.deepEqual(result.content, [{ type: "text", text: "hello Ada" }]);
    } finally {
      fixture.close();
    }
  });

  it("ttl is requested from the server; the caller's pollInterval overrides the server's hint", async () => {
    const fixture = taskServer(600_000);
    try {
      await using client = await new Client(fixture.server).connect();
      const task = await client.callTool("work", { n: 1 }, {
        task: true,
        ttl: 12_345,
        pollInterval: 10,
      });
      assert.equal(task.lastStatus.ttl, 12_345);
      assert.equal(task.lastStatus.pollInterval, 600_000);
      const done = task.result();
      // quietly: no notification wakes the wait, only polling at the caller's interval sees it
      await fixture.update(task.taskId, "working", "quiet", true);
      await statusWhere(task, (t) => t.statusMessage === "quiet");
      await fixture.finish(task.taskId, { content: [], structuredContent: { doubled: 2 } });
      await within(done, 10_000, "result() polling every 10 ms");
    } finally {
      fixture.close();
    }
  });

  it("listTasks() lists the session's tasks; getTask(id) returns the same handle", async () => {
    const fixture = taskServer();
    try {
      await using client = await new Client(fixture.server).connect();
      const a = await client.callTool("work", { n: 1 }, { task: true });
      const b = await client.callTool("work", { n: 2 }, { task: true });
      const ids = (await client.listTasks()).map((t) => t.taskId);
      assert.ok(ids.includes(a.taskId) && ids.includes(b.taskId), ids.join(", "));
      assert.equal(await client.getTask(a.taskId), a);
      await fixture.finish(b.taskId, { content: [], structuredContent: { doubled: 4 } });
      await assert.rejects(client.getTask("no-such-task"), McpError);
      await a.cancel();
    } finally {
      fixture.close();
    }
  });

  it("arguments are checked against the input schema before the task starts", async () => {
    const fixture = taskServer();
    try {
      await using client = await new Client(fixture.server).connect();
      await assert.rejects(
        client.callTool("work", { n: "one" }, { task: true }),
        InputValidationError,
      );
      assert.equal(fixture.args.size, 0);
    } finally {
      fixture.close();
    }
  });

  it("a server without tasks answers at once: the task is already complete", async () => {
    const server = new McpServer({ name: "plain", version: "1.0.0" });
    server.registerTool("echo", { inputSchema: z.object({ text: z.string() }) }, ({ text }) => ({
      content: [{ type: "text", text }],
    }));
    server.registerTool("fail", {}, () => ({
      content: [{ type: "text", text: "nope" }],
      isError: true,
    }));
    await using client = await new Client(server).connect();
    const task = await client.callTool("echo", { text: "hi" }, { task: true });
    assert.equal(task.returnedImmediately, true);
    assert.equal(task.lastStatus.status, "completed");
    assert.deepEqual((await task.result()).content, [{ type: "text", text: "hi" }]);
    assert.deepEqual(await client.listTasks(), []);
    const failed = await client.callTool("fail", {}, { task: true });
    assert.equal(failed.lastStatus.status, "failed");
    await assert.rejects(failed.result(), ToolError);
  });

  it("a required-task tool on a server that offers no tasks fails with a clear McpError", async () => {
    const server = new Server({ name: "no-tasks", version: "1.0.0" }, {
      capabilities: { tools: {} },
    });
    server.setRequestHandler("tools/list", () => ({
      tools: [{
        name: "research",
        inputSchema: { type: "object" as const },
        execution: { taskSupport: "required" as const },
      }],
    }));
    server.setRequestHandler("tools/call", () => ({ content: [] }));
    await using client = await new Client(server).connect();
    const clear = (error: unknown) => {
      assert.ok(error instanceof McpError);
      assert.equal(error.rpcCode, -32601);
      assert.match(error.message, /'research' on server 'no-tasks' must run as a task/);
      return true;
    };
    await assert.rejects(client.callTool("research"), clear);
    await assert.rejects(client.callTool("research", {}, { task: true }), clear);
  });

  it("the README's tasks example runs and prints what it promises", async () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const code = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
      .map((m) => m[1]!)
      .find((block) => block.includes('registerToolTask("report"'));
    assert.ok(code, "the README has the tasks example");
    const file = new URL(`../test/_readme_tasks_${Date.now()}.ts`, import.meta.url);
    writeFileSync(file, code);
    const { log } = console;
    const printed: unknown[][] = [];
    console.log = (...args: unknown[]) => void printed.push(args);
    try {
      await import(file.href);
    } finally {
      console.log = log;
      rmSync(file, { force: true });
    }
    assert.deepEqual(printed, [["working"], ["completed", ""], [[{
      type: "text",
      text: "all done",
    }]]]);
  });
});
