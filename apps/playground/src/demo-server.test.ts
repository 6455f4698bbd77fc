import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client } from "@mcpwire/core";
import { createDemoServer } from "./demo-server.ts";

function client(options: ConstructorParameters<typeof Client>[1] = {}): Client {
  return new Client(createDemoServer({ stepMs: 5, tickMs: 20 }), {
    logHandler: () => {},
    ...options,
  });
}

describe("createDemoServer()", () => {
  it("lists every demo tool, resource, template and prompt", async () => {
    await using c = await client().connect();
    assert.deepEqual((await c.listTools()).map((t) => t.name), [
      "add",
      "echo",
      "slow_count",
      "ask_name",
      "summarize",
      "random_image",
      "fail",
      "research",
      "book_table",
    ]);
    const uris = (await c.listResources()).map((r) => r.uri);
    for (const uri of ["demo://readme", "demo://image.png", "demo://counter", "demo://notes/1"]) {
      assert.ok(uris.includes(uri), uri);
    }
    assert.deepEqual((await c.listResourceTemplates()).map((t) => t.uriTemplate), [
      "demo://notes/{id}",
    ]);
    assert.deepEqual((await c.listPrompts()).map((p) => p.name), ["greeting", "code_review"]);
  });

  it("add returns structured output and fail returns isError", async () => {
    await using c = await client().connect();
    assert.deepEqual((await c.callTool("add", { a: 2, b: 3 })).data, { sum: 5 });
    const failed = await c.callTool("fail", { message: "boom" }, { raiseOnError: false });
    assert.equal(failed.isError, true);
    assert.deepEqual(failed.content, [{ type: "text", text: "boom" }]);
  });

  it("slow_count reports progress and logs every step", async () => {
    const logs: unknown[] = [];
    const progress: number[] = [];
    await using c = await client({ logHandler: (m) => void logs.push(m.data) }).connect();
    await c.callTool("slow_count", { to: 3 }, { onProgress: (p) => void progress.push(p) });
    assert.deepEqual(progress, [1, 2, 3]);
    assert.deepEqual(logs, ["step 1 of 3", "step 2 of 3", "step 3 of 3"]);
  });

  it("ask_name elicits and summarize samples", async () => {
    await using c = await client({
      elicitationHandler: () => ({ name: "Ada", formal: true }),
      samplingHandler: (messages) =>
        `short: ${(messages[0]?.content as { text: string }).text.length}`,
    }).connect();
    assert.deepEqual((await c.callTool("ask_name")).content, [
      { type: "text", text: "Good day, Ada." },
    ]);
    const summary = await c.callTool("summarize", { text: "abc" });
    assert.match(
      (summary.content[0] as { text: string }).text,
      /^Summary \(mcpwire\): short: \d+$/,
    );
  });

  it("research runs as a task (or a plain call); book_table asks through its task", async () => {
    const questions: string[] = [];
    await using c = await client({
      elicitationHandler: (message) => {
        questions.push(message);
        return { time: "21:00", guests: 5 };
      },
    }).connect();
    const tools = await c.listTools();
    const support = (name: string) => tools.find((t) => t.name === name)?.execution?.taskSupport;
    assert.equal(support("research"), "optional");
    assert.equal(support("book_table"), "required");
    const research = await c.callTool("research", { topic: "tides", steps: 2 }, { task: true });
    const seen: string[] = [];
    research.onStatusChange((t) => void seen.push(t.status));
    assert.deepEqual((await research.result()).content, [
      { type: "text", text: "Report on tides: 2 sources read." },
    ]);
    assert.equal(seen.at(-1), "completed");
    assert.deepEqual((await c.callTool("research", { steps: 1 })).content, [
      { type: "text", text: "Report on MCP tasks: 1 sources read." },
    ]);
    const booking = await c.callTool("book_table", { restaurant: "Chez Ada" }, { task: true });
    const statuses: string[] = [];
    booking.onStatusChange((t) => void statuses.push(t.status));
    assert.deepEqual((await booking.result()).content, [
      { type: "text", text: "Booked a table for 5 at 21:00 at Chez Ada." },
    ]);
    assert.ok(statuses.includes("input_required"), statuses.join());
    assert.deepEqual(questions, ["Chez Ada has tables at 19:00, 20:00 and 21:00. Which one?"]);
    assert.equal((await c.listTasks()).length, 2);
  });

  it("cancels a running demo task", async () => {
    await using c = await new Client(createDemoServer({ stepMs: 60_000 })).connect();
    const task = await c.callTool("research", { steps: 3 }, { task: true });
    const cancelled = await task.cancel();
    assert.equal(cancelled.status, "cancelled");
    await assert.rejects(task.result(), { name: "CancelledError" });
  });

  it("random_image and demo://image.png are PNGs", async () => {
    await using c = await client().connect();
    const image = (await c.callTool("random_image")).content[0] as {
      data: string;
      mimeType: string;
    };
    assert.equal(image.mimeType, "image/png");
    assert.equal(atob(image.data).slice(1, 4), "PNG");
    const [png] = await c.readResource("demo://image.png");
    assert.equal(atob((png as { blob: string }).blob).slice(1, 4), "PNG");
  });

  it("reads templated notes and completes their ids and prompt arguments", async () => {
    await using c = await client().connect();
    assert.deepEqual(await c.readResource("demo://notes/1"), [
      { uri: "demo://notes/1", mimeType: "text/plain", text: "Buy milk" },
    ]);
    const ids = await c.complete({ type: "ref/resource", uri: "demo://notes/{id}" }, {
      name: "id",
      value: "4",
    });
    assert.deepEqual(ids.values, ["42"]);
    const names = await c.complete({ type: "ref/prompt", name: "greeting" }, {
      name: "name",
      value: "a",
    });
    assert.deepEqual(names.values, ["Ada", "Alan"]);
    const styles = await c.complete({ type: "ref/prompt", name: "greeting" }, {
      name: "style",
      value: "",
    });
    assert.deepEqual(styles.values, ["casual", "formal"]);
    const prompt = await c.getPrompt("greeting", { name: "Ada", style: "formal" });
    assert.deepEqual(prompt.messages[0]?.content, {
      type: "text",
      text: "Write a formal greeting for Ada.",
    });
  });

  it("demo://counter changes and notifies while subscribed, and stops after", async () => {
    await using c = await client().connect();
    let updates = 0;
    c.on("notifications/resources/updated", () => void updates++);
    await c.subscribeResource("demo://counter");
    const deadline = Date.now() + 5_000;
    while (updates < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await c.unsubscribeResource("demo://counter");
    assert.ok(updates >= 2, `only ${updates} updates`);
    const [counter] = await c.readResource("demo://counter");
    assert.ok(JSON.parse((counter as { text: string }).text).count >= 2);
    const seen = updates;
    await new Promise((r) => setTimeout(r, 80));
    assert.ok(updates <= seen + 1, "updates continued after unsubscribing");
  });
});
