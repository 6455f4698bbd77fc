// Tools run as tasks through the playground's task routes against server-everything (stdio): its
// `simulate-research-query` (taskSupport "required") runs to completion with its status changes
// pushed to the pages, and a second one is cancelled.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createPlayground, type Playground } from "./playground.ts";
import { events, type SseReader } from "./_test_sse.ts";
import { TaskBoard, type TaskRow } from "./_tasks.ts";
import { PEERS } from "@mcpwire/testing";
import { send } from "./_test_requests.ts";

const EVERYTHING = PEERS.everything;

describe("tasks in the playground", () => {
  let p: Playground;
  let stream: SseReader;

  before(async () => {
    p = createPlayground({
      demo: false,
      config: { mcpServers: { everything: { command: "node", args: [EVERYTHING] } } },
    });
    await p.ready();
    stream = events(await send(p, "GET", "/playground/events"));
    await stream.next("tasks-recent");
  });

  after(async () => {
    await stream?.close();
    await p.close();
  });

  const start = async (topic: string): Promise<TaskRow> => {
    const started = await send(p, "POST", "/playground/servers/everything/tasks", {
      tool: "simulate-research-query",
      arguments: { topic },
    });
    assert.equal(started.status, 202, await started.clone().text());
    return await started.json();
  };

  it("runs a required-task tool to completion, its status changes pushed as task events", async () => {
    const row = await start("tides");
    assert.equal(row.server, "everything");
    assert.equal(row.status, "working");
    const mine = (d: unknown) => (d as TaskRow).taskId === row.taskId;
    const messages: string[] = [];
    let last: TaskRow;
    do {
      last = await stream.next("task", 60_000, mine) as TaskRow;
      if (last.statusMessage) messages.push(last.statusMessage);
    } while (!last.result && !last.error);
    assert.equal(last.status, "completed");
    assert.ok(messages.some((m) => /Analyzing content/.test(m)), messages.join(" | "));
    assert.equal(last.result!.isError, false);
    const text = (last.result!.content[0] as { text: string }).text;
    assert.match(text, /Research Report: tides/);
  });

  it("cancels a task: the server says cancelled and the listing shows it", async () => {
    const row = await start("cancel me");
    const cancelled = await send(p, "DELETE", `/playground/servers/everything/tasks/${row.taskId}`);
    assert.equal(cancelled.status, 200, await cancelled.clone().text());
    assert.equal((await cancelled.json()).status, "cancelled");
    const ended = await stream.next(
      "task",
      30_000,
      (d) => (d as TaskRow).taskId === row.taskId && (d as TaskRow).error !== undefined,
    ) as TaskRow;
    assert.equal(ended.status, "cancelled");
    const { tasks } = await (await send(p, "GET", "/playground/tasks")).json();
    const listed = tasks.find((t: TaskRow) => t.taskId === row.taskId);
    assert.equal(listed.status, "cancelled");
    const missing = await send(p, "DELETE", "/playground/servers/everything/tasks/nope");
    assert.equal(missing.status, 404);
  });
});

describe("TaskBoard", () => {
  it("keeps the last `limit` tasks, dropping ended ones first", async () => {
    let n = 0;
    const now = new Date().toISOString();
    const client = {
      callTool: () => {
        const status = {
          taskId: `t${++n}`,
          status: "completed",
          createdAt: now,
          lastUpdatedAt: now,
        };
        const done = Promise.resolve({ content: [], structuredContent: undefined, isError: false });
        return Promise.resolve({
          taskId: status.taskId,
          lastStatus: status,
          onStatusChange: () => () => {},
          result: () => done,
        });
      },
    };
    const upstream = { name: "s", use: (op: (c: unknown) => unknown) => op(client) };
    const emitted: TaskRow[] = [];
    const board = new TaskBoard((row) => emitted.push(row), 2);
    for (let i = 0; i < 3; i++) {
      await board.start(upstream as never, "tool", {});
      // Let the (already settled) result reach the board before the next start.
      await new Promise<void>((resolve) => queueMicrotask(resolve));
    }
    assert.deepEqual(board.list().map((r) => r.taskId), ["t2", "t3"]);
    assert.ok(emitted.some((r) => r.taskId === "t3" && r.result !== undefined));
  });
});
