// Tasks through a config of two servers: each task runs on, and stays routed to, its own server.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { CancelledError, Client, McpError, type RequestContext, type Task } from "@mcpwire/core";
import { InMemoryTransport, type Transport } from "@modelcontextprotocol/client";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import {
  type CreateTaskRequestHandlerExtra,
  InMemoryTaskStore,
  type TaskRequestHandlerExtra,
} from "@modelcontextprotocol/sdk/experimental/tasks";
import { MultiServerClient } from "./mod.ts";
import { PEERS, runJs } from "@mcpwire/testing";
import { text } from "./_test_servers.ts";

const RESEARCH = "simulate-research-query";
const config = {
  mcpServers: { alpha: runJs(PEERS.everything, "stdio"), beta: runJs(PEERS.everything, "stdio") },
};
const quiet = { stderr: "ignore" as const, connectTimeout: 60_000, serverWait: 60_000 };

describe("tasks through new Client(config) with two servers", () => {
  const asked: { message: string; server: string | undefined }[] = [];
  let client: Client;
  before(async () => {
    client = new Client(config, {
      ...quiet,
      timeout: 30_000,
      elicitationHandler: (message, _schema, _params, context: RequestContext) => {
        asked.push({ message, server: context.server });
        return { interpretation: "historical" };
      },
    });
    await client.connect();
  });
  after(async () => {
    await client?.close();
  });

  it("a required-task tool runs to completion on its server, its status changes observed", async () => {
    const tools = await client.listTools();
    const tool = tools.find((t) => t.name === `beta_${RESEARCH}`);
    assert.equal(tool?.execution?.taskSupport, "required");
    await using task = await client.callTool(`beta_${RESEARCH}`, { topic: "tides" }, {
      task: true,
    });
    assert.equal(task.serverName, "beta");
    const seen: Task[] = [];
    task.onStatusChange((t) => void seen.push(t));
    const result = await task.result();
    assert.match(text(result), /Research Report: tides/);
    assert.equal(task.lastStatus.status, "completed");
    assert.ok(seen.some((t) => t.status === "working"), JSON.stringify(seen));
    assert.equal(seen.at(-1)?.status, "completed");
  });

  it("getTask() and listTasks() route each task id to the server that issued it", async () => {
    await using onAlpha = await client.callTool(`alpha_${RESEARCH}`, { topic: "a" }, {
      task: true,
    });
    await using onBeta = await client.callTool(`beta_${RESEARCH}`, { topic: "b" }, { task: true });
    assert.equal(onAlpha.serverName, "alpha");
    assert.equal(onBeta.serverName, "beta");
    const listed = await client.listTasks();
    const owner = (id: string) =>
      (listed.find((t) => t.taskId === id) as { _meta?: Record<string, unknown> })._meta;
    assert.equal(owner(onAlpha.taskId)?.["mcpwire/server"], "alpha");
    assert.equal(owner(onBeta.taskId)?.["mcpwire/server"], "beta");
    for (const task of [onAlpha, onBeta]) {
      assert.ok(listed.some((t) => t.taskId === task.taskId), `${task.taskId} listed`);
      assert.equal(await client.getTask(task.taskId), task);
    }
    // a server-prefixed id names the server
    assert.equal((await client.getTask(`beta_${onBeta.taskId}`)).serverName, "beta");
    await assert.rejects(client.getTask("no-such-task"), (error: unknown) => {
      assert.ok(error instanceof McpError);
      assert.match(error.message, /no-such-task/);
      return true;
    });
  });

  it("cancel() stops the task on its server", async () => {
    const task = await client.callTool(`alpha_${RESEARCH}`, { topic: "tides" }, { task: true });
    const pending = task.result();
    assert.equal((await task.cancel()).status, "cancelled");
    await assert.rejects(pending, CancelledError);
    assert.equal((await client.getTask(task.taskId)).lastStatus.status, "cancelled");
  });

  it("input_required reaches the elicitationHandler with the server's name", async () => {
    asked.length = 0;
    await using task = await client.callTool(
      `beta_${RESEARCH}`,
      { topic: "tides", ambiguous: true },
      { task: true },
    );
    const statuses = new Set<string>();
    task.onStatusChange((t) => void statuses.add(t.status));
    const result = await task.result();
    assert.deepEqual(asked.map((a) => a.server), ["beta"]);
    assert.match(asked[0]!.message, /multiple interpretations/);
    assert.match(text(result), /tides \(historical\)/);
    assert.ok(statuses.has("input_required"), [...statuses].join(", "));
  });
});

describe("tasks through MultiServerClient with two servers", () => {
  let multi: MultiServerClient;
  before(async () => {
    multi = new MultiServerClient(config, { ...quiet, timeout: 30_000 });
    await multi.connect();
  });
  after(async () => {
    await multi?.close();
  });

  it("callTool() runs a required-task tool as a task and returns its result", async () => {
    const result = await multi.callTool({
      name: `alpha_${RESEARCH}`,
      arguments: { topic: "tides" },
    });
    assert.equal(result.isError, undefined);
    assert.match(text(result), /Research Report: tides/);
  });

  it("a server's own client runs, lists and cancels its tasks", async () => {
    const beta = await multi.client("beta");
    const task = await beta.callTool(RESEARCH, { topic: "tides" }, { task: true });
    assert.equal(task.serverName, "beta");
    assert.ok((await beta.listTasks()).some((t) => t.taskId === task.taskId));
    const alpha = await multi.client("alpha");
    assert.ok(!(await alpha.listTasks()).some((t) => t.taskId === task.taskId));
    assert.equal((await task.cancel()).status, "cancelled");
  });
});

/** A server whose task ids are `task-1`, `task-2`, …: two of them issue the same ids. */
function countingTaskServer(name: string): { transport: () => Promise<Transport>; close(): void } {
  const store = new InMemoryTaskStore();
  let issued = 0;
  Object.assign(store, { generateTaskId: () => `task-${++issued}` });
  const server = new McpServer({ name, version: "1.0.0" }, {
    capabilities: { tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } },
    taskStore: store,
  });
  server.experimental.tasks.registerToolTask("job", { execution: { taskSupport: "required" } }, {
    createTask: async (extra: CreateTaskRequestHandlerExtra) => {
      const task = await extra.taskStore.createTask({ pollInterval: 20 });
      const result = { content: [{ type: "text" as const, text: `done on ${name}` }] };
      await extra.taskStore.storeTaskResult(task.taskId, "completed", result);
      return { task };
    },
    getTask: (extra: TaskRequestHandlerExtra) => extra.taskStore.getTask(extra.taskId),
    getTaskResult: (extra: TaskRequestHandlerExtra) => extra.taskStore.getTaskResult(extra.taskId),
  } as never);
  return {
    async transport() {
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      await server.connect(serverSide as never);
      return clientSide;
    },
    close: () => store.cleanup(),
  };
}

describe("task ids two servers both issue", () => {
  it("stay routed to their server: the handle, a server-prefixed id, or a clear error", async () => {
    const servers = { one: countingTaskServer("one"), two: countingTaskServer("two") };
    try {
      await using client = await new Client({
        mcpServers: { one: { command: "one" }, two: { command: "two" } },
      }, {
        createTransport: (name: string) => servers[name as keyof typeof servers].transport(),
      }).connect();
      const first = await client.callTool("one_job", {}, { task: true });
      const second = await client.callTool("two_job", {}, { task: true });
      assert.equal(first.taskId, second.taskId);
      assert.deepEqual([first.serverName, second.serverName], ["one", "two"]);
      assert.equal(text(await first.result()), "done on one");
      assert.equal(text(await second.result()), "done on two");
      const listed = await client.listTasks();
      const owners = listed.map((t) => (t as { _meta?: Record<string, unknown> })._meta);
      assert.deepEqual(owners.map((m) => m?.["mcpwire/server"]).sort(), ["one", "two"]);
      assert.equal((await client.getTask(`two_${second.taskId}`)).serverName, "two");
      assert.equal((await client.getTask(`one_${first.taskId}`)).serverName, "one");
      await assert.rejects(client.getTask(first.taskId), (error: unknown) => {
        assert.ok(error instanceof McpError);
        assert.match(error.message, /several servers \(one, two\).*'one_task-1'/);
        return true;
      });
    } finally {
      servers.one.close();
      servers.two.close();
    }
  });
});
