import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inMemoryApp, post, problemOf } from "./_test_helpers.ts";
import { serve } from "./serve.ts";

const JOBS = "/v1/servers/jobs";

describe("tool calls run as MCP tasks (jobs) through REST", () => {
  it("?mode=task answers 202 + Location; the result is 202 until the task ends, then the call's answer", async () => {
    const { app, tasks } = inMemoryApp();
    try {
      const created = tasks.nextTask();
      const start = await post(app, `${JOBS}/tools/work?mode=task`, { n: 21 });
      assert.equal(start.status, 202);
      const task = await start.json();
      const id = await created;
      assert.equal(task.taskId, id);
      assert.equal(task.status, "working");
      assert.equal(task.tool, "work");
      const location = start.headers.get("location")!;
      assert.equal(location, `${JOBS}/tasks/${id}`);
      await tasks.update(id, "working", "halfway");
      const status = await (await app.request(location)).json();
      assert.equal(status.statusMessage, "halfway");
      const early = await app.request(`${location}/result`);
      assert.equal(early.status, 202);
      assert.match(early.headers.get("retry-after") ?? "", /^[1-9]\d*$/);
      assert.equal((await early.json()).status, "working");
      await tasks.finish(id, {
        content: [{ type: "text", text: '{"doubled":42}' }],
        structuredContent: { doubled: 42 },
      });
      const done = await app.request(`${location}/result`);
      assert.equal(done.status, 200);
      assert.equal(done.headers.get("mcp-tool-error"), "0");
      const body = await done.json();
      assert.deepEqual(body.data, { doubled: 42 });
      assert.equal(body.isError, false);
      const data = await app.request(`${location}/result?view=data`);
      assert.deepEqual(await data.json(), { doubled: 42 });
      assert.equal((await (await app.request(location)).json()).status, "completed");
    } finally {
      await app.close();
    }
  });

  it("a task that fails answers its result with isError, like the synchronous call", async () => {
    const { app, tasks } = inMemoryApp();
    try {
      const created = tasks.nextTask();
      const start = await post(app, `${JOBS}/tools/work?mode=task`, { n: 1 });
      const id = await created;
      await tasks.finish(
        id,
        { content: [{ type: "text", text: "boom" }], isError: true },
        "failed",
      );
      const res = await app.request(`${start.headers.get("location")}/result`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("mcp-tool-error"), "1");
      const body = await res.json();
      assert.equal(body.isError, true);
      assert.equal(body.content[0].text, "boom");
    } finally {
      await app.close();
    }
  });

  it("Prefer: respond-async starts a task when the tool can, and is ignored when it cannot", async () => {
    const { app } = inMemoryApp();
    try {
      const res = await post(app, `${JOBS}/tools/work`, { n: 2 }, { prefer: "respond-async" });
      assert.equal(res.status, 202);
      assert.equal(res.headers.get("preference-applied"), "respond-async");
      assert.match(res.headers.get("location") ?? "", /^\/v1\/servers\/jobs\/tasks\/./);
      const plain = await post(app, "/v1/servers/echo/tools/echo", { text: "hi" }, {
        prefer: "respond-async",
      });
      assert.equal(plain.status, 200);
      assert.equal(plain.headers.get("preference-applied"), null);
      assert.equal((await plain.json()).content[0].text, "hi");
    } finally {
      await app.close();
    }
  });

  it("mode=task on a tool that cannot run as a task is a 400 naming it; a bad mode is a 400", async () => {
    const { app } = inMemoryApp();
    try {
      const res = await post(app, "/v1/servers/echo/tools/echo?mode=task", { text: "hi" });
      assert.equal(res.status, 400);
      const problem = await problemOf(res);
      assert.equal(problem.code, "task_not_supported");
      assert.match(String(problem.detail), /tool 'echo' of server 'echo' does not run as a task/);
      const bad = await post(app, `${JOBS}/tools/work?mode=later`, { n: 1 });
      assert.equal(bad.status, 400);
      assert.equal((await problemOf(bad)).parameter, "mode");
    } finally {
      await app.close();
    }
  });

  it("an unknown task id is a 404 task_not_found, on a server with tasks and on one without", async () => {
    const { app } = inMemoryApp();
    try {
      for (const path of [`${JOBS}/tasks/nope`, `${JOBS}/tasks/nope/result`]) {
        const res = await app.request(path);
        assert.equal(res.status, 404, path);
        assert.equal((await problemOf(res)).code, "task_not_found");
      }
      const del = await app.request(`${JOBS}/tasks/nope`, { method: "DELETE" });
      assert.equal((await problemOf(del)).code, "task_not_found");
      const echo = await app.request("/v1/servers/echo/tasks/nope");
      assert.equal(echo.status, 404);
      assert.match(String((await problemOf(echo)).detail), /server 'echo' runs no tasks/);
    } finally {
      await app.close();
    }
  });

  it("DELETE cancels the task; its result is then a 409 task_cancelled", async () => {
    const { app } = inMemoryApp();
    try {
      const start = await post(app, `${JOBS}/tools/work?mode=task`, { n: 3 });
      const location = start.headers.get("location")!;
      const cancelled = await app.request(location, { method: "DELETE" });
      assert.equal(cancelled.status, 200);
      assert.equal((await cancelled.json()).status, "cancelled");
      const result = await app.request(`${location}/result`);
      assert.equal(result.status, 409);
      assert.equal((await problemOf(result)).code, "task_cancelled");
      const again = await app.request(location, { method: "DELETE" });
      assert.equal((await again.json()).status, "cancelled");
    } finally {
      await app.close();
    }
  });

  it("Prefer: wait=N waits for the end (up to N seconds) before answering the result", async () => {
    const { app, tasks } = inMemoryApp();
    try {
      const created = tasks.nextTask();
      const start = await post(app, `${JOBS}/tools/work?mode=task`, { n: 5 });
      const location = start.headers.get("location")!;
      const id = await created;
      const begun = Date.now();
      const late = await app.request(`${location}/result`, { headers: { prefer: "wait=1" } });
      assert.equal(late.status, 202);
      assert.ok(Date.now() - begun >= 900, `waited ${Date.now() - begun} ms`);
      const waiting = app.request(`${location}/result`, { headers: { prefer: "wait=60" } });
      await tasks.finish(id, {
        content: [{ type: "text", text: "10" }],
        structuredContent: { doubled: 10 },
      });
      const res = await waiting;
      assert.equal(res.status, 200);
      assert.deepEqual((await res.json()).data, { doubled: 10 });
    } finally {
      await app.close();
    }
  });

  it("a required-task tool called without mode=task runs as a task within the call's timeout", async () => {
    const { app } = inMemoryApp();
    try {
      const res = await post(app, `${JOBS}/tools/research`, { topic: "tides" });
      assert.equal(res.status, 200);
      assert.equal((await res.json()).content[0].text, "report on tides");
      // `ask` waits for input nobody gives: past the timeout, a 504 and the task is cancelled.
      const stuck = await post(app, `${JOBS}/tools/ask`, {}, { "x-mcp-timeout-ms": "300" });
      assert.equal(stuck.status, 504);
      const problem = await problemOf(stuck);
      assert.match(String(problem.detail), /mode=task/);
      const status = await (await app.request(`${JOBS}/tasks/${problem.task}`)).json();
      assert.equal(status.status, "cancelled");
    } finally {
      await app.close();
    }
  });

  it("GET …/tasks lists the server's tasks; a server without tasks lists none", async () => {
    const { app } = inMemoryApp();
    try {
      const start = await (await post(app, `${JOBS}/tools/work?mode=task`, { n: 4 })).json();
      const { tasks } = await (await app.request(`${JOBS}/tasks`)).json();
      assert.ok(tasks.some((t: { taskId: string }) => t.taskId === start.taskId));
      assert.deepEqual(await (await app.request("/v1/servers/echo/tasks")).json(), { tasks: [] });
    } finally {
      await app.close();
    }
  });

  it("works over a real port (the Node fast path hands task calls to the app)", async () => {
    const { app } = inMemoryApp();
    await using server = await serve(app, { port: 0 });
    const start = await fetch(`${server.url}${JOBS}/tools/work?mode=task`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"n":6}',
    });
    assert.equal(start.status, 202);
    const location = start.headers.get("location")!;
    await start.body?.cancel();
    const status = await fetch(`${server.url}${location}`);
    assert.equal((await status.json()).status, "working");
    const cancel = await fetch(`${server.url}${location}`, { method: "DELETE" });
    assert.equal((await cancel.json()).status, "cancelled");
  });
});
