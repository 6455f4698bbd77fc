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
