// Tasks through a config whose servers are reached over stdio and Streamable HTTP: a task on the
// HTTP server runs, polls, asks and cancels over HTTP and stays routed to that server.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { CancelledError, Client, type RequestContext, type Task } from "@mcpwire/core";
import { PEERS, runJs, type RunningServer, startEverything } from "@mcpwire/testing";
import { text } from "./_test_servers.ts";

const RESEARCH = "simulate-research-query";

describe("tasks through new Client(config) with a stdio and an HTTP server", () => {
  const asked: (string | undefined)[] = [];
  let peer: RunningServer;
  let client: Client;
  before(async () => {
    peer = await startEverything("streamableHttp");
    client = new Client({
      mcpServers: { local: runJs(PEERS.everything, "stdio"), remote: { url: peer.url.href } },
    }, {
      stderr: "ignore",
      connectTimeout: 60_000,
      serverWait: 60_000,
      timeout: 30_000,
      elicitationHandler: (_message, _schema, _params, context: RequestContext) => {
        asked.push(context.server);
        return { interpretation: "historical" };
      },
    });
    await client.connect();
  });
  after(async () => {
    await client?.close();
    await peer?.close();
  });

  it("a task on the HTTP server runs to completion and is found by its id", async () => {
    assert.equal(client.servers.remote?.state, "connected");
    await using task = await client.callTool(`remote_${RESEARCH}`, { topic: "tides" }, {
      task: true,
    });
    assert.equal(task.serverName, "remote");
    const seen: Task[] = [];
    task.onStatusChange((t) => void seen.push(t));
    assert.equal(await client.getTask(task.taskId), task);
    const result = await task.result();
    assert.match(text(result), /Research Report: tides/);
    assert.equal(seen.at(-1)?.status, "completed");
    const listed = await client.listTasks();
    const mine = listed.find((t) => t.taskId === task.taskId) as
      | { _meta?: Record<string, unknown> }
      | undefined;
    assert.equal(mine?._meta?.["mcpwire/server"], "remote");
  });

  it("input_required over HTTP reaches the elicitationHandler with the server's name", async () => {
    asked.length = 0;
    await using task = await client.callTool(
      `remote_${RESEARCH}`,
      { topic: "tides", ambiguous: true },
      { task: true },
    );
    const result = await task.result();
    assert.deepEqual(asked, ["remote"]);
    assert.match(text(result), /tides \(historical\)/);
  });

  it("cancel() stops the task on the HTTP server", async () => {
    const task = await client.callTool(`remote_${RESEARCH}`, { topic: "tides" }, { task: true });
    const pending = task.result();
    assert.equal((await task.cancel()).status, "cancelled");
    await assert.rejects(pending, CancelledError);
    assert.equal((await client.getTask(task.taskId)).lastStatus.status, "cancelled");
  });
});
