import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { post, problemOf } from "./_test_helpers.ts";
import { checkAnswers } from "./_test_contract.ts";
import { assertOpenApi31, validateOpenApi } from "./_test_openapi.ts";
import { createRestApp, type RestApp } from "./app.ts";
import { PEERS } from "@mcpwire/testing";

const EVERYTHING = PEERS.everything;
const BASE = "/v1/servers/everything";

describe("createRestApp() over a config with server-everything (stdio) and a broken server", () => {
  let app: RestApp;
  before(async () => {
    // Every answer is checked against the app's own OpenAPI document.
    app = checkAnswers(createRestApp({
      mcpServers: {
        everything: { command: "node", args: [EVERYTHING] },
        broken: { command: "/nonexistent/mcp-server", env: { SECRET: "hunter2-secret" } },
      },
    }, { apiKeys: [] }));
    await app.ready();
  });
  after(() => app.close());

  it("connects and describes the server", async () => {
    const server = await (await app.request(BASE)).json();
    assert.equal(server.state, "connected", JSON.stringify(server.lastError));
    assert.equal(server.serverInfo.name, "mcp-servers/everything");
    assert.ok(server.counts.tools >= 10);
  });

  it("reports the broken server without affecting the other", async () => {
    const ready = await app.request("/readyz");
    assert.equal(ready.status, 200);
    assert.equal((await ready.json()).status, "degraded");
    const broken = await (await app.request("/v1/servers/broken")).json();
    assert.equal(broken.state, "failed");
    assert.equal(broken.transport, "stdio");
    assert.ok(broken.lastError.message.length > 0);
    assert.doesNotMatch(JSON.stringify(broken), /hunter2/);
    const call = await post(app, "/v1/servers/broken/tools/x", {});
    assert.equal(call.status, 503);
    assert.match(call.headers.get("retry-after") ?? "", /^[1-9]\d*$/);
    assert.equal((await problemOf(call)).code, "server_unavailable");
  });

  it("calls get-sum and validates arguments before sending", async () => {
    const res = await post(app, `${BASE}/tools/get-sum`, { a: 2, b: 5 });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.match(body.content[0].text, /7/);
    const bad = await post(app, `${BASE}/tools/get-sum`, { a: "two" });
    assert.equal(bad.status, 422);
    const problem = await problemOf(bad);
    assert.ok((problem.errors as { path: string }[]).length >= 1);
  });

  it("returns images as typed content with base64 data", async () => {
    const body = await (await post(app, `${BASE}/tools/get-tiny-image`, {})).json();
    const image = body.content.find((c: { type: string }) => c.type === "image");
    assert.equal(image.mimeType, "image/png");
    assert.match(image.data, /^[A-Za-z0-9+/=]+$/);
  });

  it("streams progress of a long-running operation", async () => {
    const res = await post(app, `${BASE}/tools/trigger-long-running-operation`, {
      duration: 0.3,
      steps: 3,
    }, {
      accept: "text/event-stream",
    });
    const text = await res.text();
    assert.equal(text.match(/^event: progress$/gm)?.length, 3);
    assert.match(text, /event: result\ndata: .*Long running operation completed/);
  });

  it("lists and reads resources", async () => {
    const { resources } = await (await app.request(`${BASE}/resources`)).json();
    assert.ok(resources.length > 0);
    const uri = resources[0].uri as string;
    const read = await (await app.request(`${BASE}/resources/read?uri=${encodeURIComponent(uri)}`))
      .json();
    assert.equal(read.contents[0].uri, uri);
    const raw = await app.request(`${BASE}/resources/read?uri=${encodeURIComponent(uri)}&raw=1`);
    // Text resources say their charset, so that clients do not guess Latin-1.
    assert.equal(raw.headers.get("content-type"), `${resources[0].mimeType}; charset=utf-8`);
    assert.ok((await raw.text()).length > 0);
  });

  it("gets a prompt", async () => {
    const res = await post(app, `${BASE}/prompts/args-prompt`, { city: "Paris" });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.match(JSON.stringify(body.messages), /Paris/);
  });

  it("publishes an OpenAPI 3.1 document with every tool", async () => {
    const doc = await (await app.request("/v1/openapi.json")).json();
    assertOpenApi31(doc);
    const tools = await (await app.request(`${BASE}/tools`)).json();
    for (const tool of tools.tools) {
      assert.ok(doc.paths[`${BASE}/tools/${encodeURIComponent(tool.name)}`]?.post, tool.name);
    }
    const schemaErrors = JSON.stringify(doc).match(/x-mcp-schema-error/g) ?? [];
    assert.equal(schemaErrors.length, 0);
  });

  it("publishes a document that an OpenAPI 3.1 validator accepts", async () => {
    const doc = await (await app.request("/v1/openapi.json")).json();
    assert.equal(await validateOpenApi(doc), "valid");
    await assert.rejects(validateOpenApi({ ...doc, paths: { "no-slash": {} } }), /invalid OpenAPI/);
    await assert.rejects(
      validateOpenApi({ ...doc, openapi: "3.1.0", info: {} }),
      /invalid OpenAPI/,
    );
  });
});
