import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import createClient from "openapi-fetch";
import type { paths } from "../test/generated/rest-api.d.ts";
import { generatedTypes } from "./_test_generate.ts";
import { inMemoryApp } from "./_test_helpers.ts";
import { serve } from "./serve.ts";

const GENERATED = new URL("../test/generated/rest-api.d.ts", import.meta.url);

/** The JSON answer of a call (the generated type also has the event stream's string). */
function json<T>(value: T): Exclude<T, string | undefined | null> {
  assert.ok(
    value !== null && value !== undefined && typeof value !== "string",
    `a JSON answer: ${value}`,
  );
  return value as Exclude<T, string | undefined | null>;
}

describe("a client generated with openapi-typescript + openapi-fetch", () => {
  it("is generated from the current document (scripts/generate-client.ts)", async () => {
    const { app } = inMemoryApp();
    try {
      const fresh = await generatedTypes(await app.openApi());
      assert.equal(fresh, await readFile(GENERATED, "utf8"), "regenerate the client types");
    } finally {
      await app.close();
    }
  });

  it("calls tools, ?view=data, resources, prompts, completion and tasks with typed answers", async () => {
    const { app } = inMemoryApp();
    await using server = await serve(app, { port: 0 });
    const api = createClient<paths>({ baseUrl: server.url });

    const add = await api.POST("/v1/servers/test/tools/add", { body: { a: 2, b: 3 } });
    assert.equal(add.response.status, 200);
    const sum = json(add.data);
    assert.ok("isError" in sum);
    assert.equal(sum.isError, false);
    assert.deepEqual(sum.structuredContent, { sum: 5 });

    const fail = await api.POST("/v1/servers/test/tools/fail", {});
    assert.equal(fail.response.headers.get("mcp-tool-error"), "1");
    const failed = json(fail.data) as { isError: boolean; structuredContent: unknown };
    assert.equal(failed.isError, true);
    assert.equal(failed.structuredContent, null);

    const data = await api.POST("/v1/servers/test/tools/add", {
      body: { a: 20, b: 22 },
      params: { query: { view: "data" } },
    });
    assert.deepEqual(data.data, { sum: 42 });

    const generic = await api.POST("/v1/servers/{server}/tools/{tool}", {
      params: { path: { server: "echo", tool: "echo" } },
      body: { text: "hi" },
    });
    assert.deepEqual((json(generic.data) as { content: unknown }).content, [
      { type: "text", text: "hi" },
    ]);

    const invalid = await api.POST("/v1/servers/test/tools/add", { body: { a: 1, b: 5_000 } });
    assert.equal(invalid.response.status, 422);
    assert.equal(invalid.error?.code, "invalid_arguments");

    const resources = await api.GET("/v1/servers/{server}/resources", {
      params: { path: { server: "test" } },
    });
    assert.ok(resources.data?.resources.some((r) => r.uri === "test://hello"));
    const read = await api.GET("/v1/servers/{server}/resources/read", {
      params: { path: { server: "test" }, query: { uri: "test://hello" } },
    });
    assert.equal(json(read.data).contents[0]?.text, "hello world");

    const prompt = await api.POST("/v1/servers/{server}/prompts/{prompt}", {
      params: { path: { server: "test", prompt: "greet" } },
      body: { name: "Ada" },
    });
    assert.equal(prompt.data?.messages[0]?.content.text, "Hello, Ada!");

    const completion = await api.POST("/v1/servers/{server}/complete", {
      params: { path: { server: "test" } },
      body: { ref: { type: "ref/prompt", name: "greet" }, argument: { name: "name", value: "al" } },
    });
    assert.deepEqual(completion.data?.completion.values, ["alice", "albert"]);

    // A task: 202 with the typed task, its result once ended, and a cancelled one.
    const started = await api.POST("/v1/servers/jobs/tools/research", {
      body: { topic: "tides" },
      params: { query: { mode: "task" } },
    });
    assert.equal(started.response.status, 202);
    const task = started.data as { taskId: string; status: string };
    const taskPath = { path: { server: "jobs" as const, task: task.taskId } };
    const status = await api.GET("/v1/servers/{server}/tasks/{task}", { params: taskPath });
    assert.equal(status.data?.taskId, task.taskId);
    const result = await api.GET("/v1/servers/{server}/tasks/{task}/result", {
      params: { ...taskPath, header: { Prefer: "wait=10" } },
    });
    assert.equal(result.response.status, 200);
    assert.equal(
      (result.data as { content: { text?: string }[] }).content[0]?.text,
      "report on tides",
    );
    const work = await api.POST("/v1/servers/jobs/tools/work", {
      body: { n: 1 },
      params: { query: { mode: "task" } },
    });
    const workTask = (work.data as { taskId: string }).taskId;
    const cancelled = await api.DELETE("/v1/servers/{server}/tasks/{task}", {
      params: { path: { server: "jobs", task: workTask } },
    });
    assert.equal(cancelled.data?.status, "cancelled");
    const gone = await api.GET("/v1/servers/{server}/tasks/{task}/result", {
      params: { path: { server: "jobs", task: workTask } },
    });
    assert.equal(gone.response.status, 409);
    assert.equal(gone.error?.code, "task_cancelled");

    const missing = await api.GET("/v1/servers/{server}", {
      // deno-lint-ignore no-explicit-any -- a name outside the enum, on purpose
      params: { path: { server: "nope" as any } },
    });
    assert.equal(missing.response.status, 404);
    assert.equal(missing.error?.code, "server_not_found");
  });
});
