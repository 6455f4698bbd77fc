import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Observed } from "../test/fixtures/servers.ts";
import { inMemoryApp, post, problemOf, type Requester, servedAt } from "./_test_helpers.ts";
import type { RestApp } from "./app.ts";
import { type RunningServer, serve } from "./serve.ts";

const BODY_LIMIT = 4096;

for (const mode of ["app.request()", "a real loopback port"] as const) {
  describe(`createRestApp() over in-memory servers, through ${mode}`, () => {
    let app: RestApp;
    let observed: Observed;
    let server: RunningServer | undefined;
    let target: Requester;
    before(async () => {
      ({ app, observed } = inMemoryApp({ bodyLimit: BODY_LIMIT }));
      if (mode === "app.request()") {
        target = app;
      } else {
        server = await serve(app, { port: 0 });
        target = servedAt(server.url);
      }
    });
    after(() => server ? server.close() : app.close());

    it("answers /healthz without touching servers", async () => {
      const res = await target.request("/healthz");
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: "ok" });
    });

    it("answers /readyz with each server's state", async () => {
      const res = await target.request("/readyz");
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.equal(body.status, "ready");
      assert.equal(body.servers.test.state, "connected");
    });

    it("lists servers with serverInfo and counts", async () => {
      const { servers } = await (await target.request("/v1/servers")).json();
      assert.deepEqual(servers.map((s: { name: string }) => s.name), ["test", "echo", "jobs"]);
      assert.equal(servers[0].serverInfo.name, "test server");
      assert.equal(servers[0].counts.tools, 5);
      assert.equal(servers[0].lastError, null);
      const one = await (await target.request("/v1/servers/echo")).json();
      assert.equal(one.state, "connected");
    });

    it("lists tools of all servers and of one", async () => {
      const all = await (await target.request("/v1/tools")).json();
      assert.ok(
        all.tools.some((t: { server: string; name: string }) =>
          t.server === "echo" && t.name === "echo"
        ),
      );
      const one = await (await target.request("/v1/servers/test/tools")).json();
      assert.equal(one.tools.length, 5);
      const add = await (await target.request("/v1/servers/test/tools/add")).json();
      assert.equal(add.name, "add");
      assert.equal(add.inputSchema.type, "object");
    });

    it("calls a tool and answers content, structuredContent, data and isError", async () => {
      const res = await post(target, "/v1/servers/test/tools/add", { a: 2, b: 3 });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("mcp-tool-error"), "0");
      assert.ok(res.headers.get("x-request-id"));
      const body = await res.json();
      assert.deepEqual(body, {
        content: [{ type: "text", text: "5" }],
        structuredContent: { sum: 5 },
        data: { sum: 5 },
        isError: false,
      });
    });

    it("answers only data with ?view=data", async () => {
      const res = await post(target, "/v1/servers/test/tools/add?view=data", { a: 1, b: 1 });
      assert.deepEqual(await res.json(), { sum: 2 });
    });

    it("answers a tool error with 200, isError and MCP-Tool-Error: 1", async () => {
      const res = await post(target, "/v1/servers/test/tools/fail", {});
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("mcp-tool-error"), "1");
      const body = await res.json();
      assert.equal(body.isError, true);
      assert.equal(body.content[0].text, "it failed");
    });

    it("calls a tool without a body", async () => {
      const res = await target.request("/v1/servers/test/tools/pixel", { method: "POST" });
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.equal(body.content[0].type, "image");
      assert.equal(body.content[0].mimeType, "image/png");
      assert.match(body.content[0].data, /^iVBOR/);
    });

    it("answers 422 with the failing paths before calling the server", async () => {
      const callsBefore = observed.calls;
      const res = await post(target, "/v1/servers/test/tools/add", { a: "x", b: 5000 });
      assert.equal(res.status, 422);
      const problem = await problemOf(res);
      assert.equal(problem.code, "invalid_arguments");
      const paths = (problem.errors as { path: string }[]).map((e) => e.path).sort();
      assert.deepEqual(paths, ["/a", "/b"]);
      assert.equal(observed.calls, callsBefore);
    });

    it("answers 400 for malformed JSON and for a body that is not an object", async () => {
      const bad = await post(target, "/v1/servers/test/tools/add", "{nope");
      assert.equal(bad.status, 400);
      assert.equal((await problemOf(bad)).code, "malformed_json");
      const arr = await post(target, "/v1/servers/test/tools/add", "[1,2]");
      assert.equal(arr.status, 400);
      assert.equal((await problemOf(arr)).code, "invalid_body");
    });

    it("answers 415 for a body that is not JSON", async () => {
      const res = await target.request("/v1/servers/test/tools/add", {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: "a=1",
      });
      assert.equal(res.status, 415);
      assert.equal((await problemOf(res)).code, "unsupported_media_type");
    });

    it("answers 413 for a body over the limit", async () => {
      const res = await post(target, "/v1/servers/test/tools/add", {
        a: 1,
        b: 2,
        pad: "x".repeat(BODY_LIMIT),
      });
      assert.equal(res.status, 413);
      assert.equal((await problemOf(res)).code, "payload_too_large");
    });

    it("answers 404 problems for unknown servers, tools, prompts and routes", async () => {
      for (
        const [path, code] of [
          ["/v1/servers/nope/tools/add", "server_not_found"],
          ["/v1/servers/test/tools/nope", "tool_not_found"],
          ["/v1/servers/test/prompts/nope", "prompt_not_found"],
          ["/v1/nothing", "not_found"],
        ]
      ) {
        const res = await post(target, path!, {});
        assert.equal(res.status, 404, path);
        const problem = await problemOf(res);
        assert.equal(problem.code, code);
        assert.equal(problem.type, `urn:mcpwire:problem:${code}`);
        assert.equal(problem.requestId, res.headers.get("x-request-id"));
        assert.equal(problem.stack, undefined);
      }
    });

    it("lists and reads resources as JSON and as raw bytes", async () => {
      const list = await (await target.request("/v1/servers/test/resources")).json();
      assert.deepEqual(list.resources.map((r: { uri: string }) => r.uri).sort(), [
        "test://hello",
        "test://pixel.png",
      ]);
      const templates = await (await target.request("/v1/servers/test/resource-templates")).json();
      assert.equal(templates.resourceTemplates[0].uriTemplate, "test://items/{id}");
      const json =
        await (await target.request("/v1/servers/test/resources/read?uri=test%3A%2F%2Fhello"))
          .json();
      assert.equal(json.contents[0].text, "hello world");
      const raw = await target.request("/v1/servers/test/resources/read?uri=test://pixel.png", {
        headers: { accept: "image/png" },
      });
      assert.equal(raw.headers.get("content-type"), "image/png");
      const bytes = new Uint8Array(await raw.arrayBuffer());
      assert.deepEqual([...bytes.slice(1, 4)], [0x50, 0x4e, 0x47]);
      const item =
        await (await target.request("/v1/servers/test/resources/read?uri=test://items/7"))
          .json();
      assert.equal(JSON.parse(item.contents[0].text).id, "7");
    });

    it("answers 400 for a read without uri", async () => {
      const res = await target.request("/v1/servers/test/resources/read");
      assert.equal(res.status, 400);
      assert.equal((await problemOf(res)).code, "invalid_query");
    });

    it("lists and gets prompts, with 422 for a missing argument", async () => {
      const list = await (await target.request("/v1/servers/test/prompts")).json();
      assert.equal(list.prompts[0].name, "greet");
      const got = await (await post(target, "/v1/servers/test/prompts/greet", { name: "Ada" }))
        .json();
      assert.equal(got.messages[0].content.text, "Hello, Ada!");
      const missing = await post(target, "/v1/servers/test/prompts/greet", {});
      assert.equal(missing.status, 422);
      assert.deepEqual((await problemOf(missing)).errors, [{
        path: "/name",
        message: "is required",
      }]);
    });

    it("completes a prompt argument", async () => {
      const res = await post(target, "/v1/servers/test/complete", {
        ref: { type: "ref/prompt", name: "greet" },
        argument: { name: "name", value: "al" },
      });
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.deepEqual(body.completion.values, ["alice", "albert"]);
      const bad = await post(target, "/v1/servers/test/complete", { ref: {} });
      assert.equal(bad.status, 422);
    });
  });
}
