// A task through REST against the real server-everything (stdio): its research tool has
// taskSupport "required" and runs a few seconds, reporting its progress in statusMessage.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { post, problemOf } from "./_test_helpers.ts";
import { checkAnswers } from "./_test_contract.ts";
import { createRestApp, type RestApp } from "./app.ts";
import { PEERS, waitFor } from "@mcpwire/testing";

const EVERYTHING = PEERS.everything;
const BASE = "/v1/servers/everything";
const RESEARCH = `${BASE}/tools/simulate-research-query`;

describe("a task through REST against server-everything (stdio)", () => {
  let app: RestApp;
  before(async () => {
    // Every answer is checked against the app's own OpenAPI document.
    app = checkAnswers(createRestApp({
      mcpServers: { everything: { command: "node", args: [EVERYTHING] } },
    }, { apiKeys: [] }));
    await app.ready();
  });
  after(() => app.close());

  it("documents the research tool as a task-capable operation", async () => {
    // deno-lint-ignore no-explicit-any -- walking the document
    const doc = await app.openApi() as Record<string, any>;
    const op = doc.paths[RESEARCH].post;
    assert.ok(op.responses["202"], "202 documented");
    assert.match(op.description, /Runs as an MCP task/);
  });

  it("202 → poll → result", { timeout: 90_000 }, async () => {
    const start = await post(app, `${RESEARCH}?mode=task`, { topic: "tides" });
    assert.equal(start.status, 202);
    const location = start.headers.get("location")!;
    const task = await start.json();
    assert.equal(location, `${BASE}/tasks/${encodeURIComponent(task.taskId)}`);
    const seen = new Set<string>();
    let result: Response | undefined;
    await waitFor(
      async () => {
        const status = await (await app.request(location)).json();
        seen.add(status.status);
        // Long-poll: the answer comes when the task ends, or after 2 s with 202.
        const res = await app.request(`${location}/result`, { headers: { prefer: "wait=2" } });
        if (res.status === 202) return (await res.body?.cancel(), false);
        result = res;
        return true;
      },
      "the research task's result",
      60_000,
    );
    assert.equal(result!.status, 200);
    const body = await result!.json();
    assert.equal(body.isError, false);
    assert.match(body.content[0].text, /Research Report: tides/);
    assert.ok(seen.has("working") || seen.has("completed"), [...seen].join(", "));
    const { tasks } = await (await app.request(`${BASE}/tasks`)).json();
    assert.ok(tasks.some((t: { taskId: string }) => t.taskId === task.taskId));
  });

  it(
    "and cancel: DELETE stops the task, whose result is then a 409",
    { timeout: 60_000 },
    async () => {
      const start = await post(app, RESEARCH, { topic: "tides" }, { prefer: "respond-async" });
      assert.equal(start.status, 202);
      assert.equal(start.headers.get("preference-applied"), "respond-async");
      const location = start.headers.get("location")!;
      const cancelled = await app.request(location, { method: "DELETE" });
      assert.equal(cancelled.status, 200);
      assert.equal((await cancelled.json()).status, "cancelled");
      assert.equal((await (await app.request(location)).json()).status, "cancelled");
      const result = await app.request(`${location}/result`);
      assert.equal(result.status, 409);
      assert.equal((await problemOf(result)).code, "task_cancelled");
    },
  );

  it("a tool without task support and mode=task is a 400; an unknown task a 404", async () => {
    const res = await post(app, `${BASE}/tools/get-sum?mode=task`, { a: 1, b: 2 });
    assert.equal(res.status, 400);
    assert.equal((await problemOf(res)).code, "task_not_supported");
    const unknown = await app.request(`${BASE}/tasks/no-such-task`);
    assert.equal(unknown.status, 404);
    assert.equal((await problemOf(unknown)).code, "task_not_found");
  });
});
