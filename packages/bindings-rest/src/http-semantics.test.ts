import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inMemoryApp, post, problemOf } from "./_test_helpers.ts";
import { serve } from "./serve.ts";

describe("HTTP semantics of the binding", () => {
  it("answers 405 with Allow for a known path and another method, 404 for an unknown path", async () => {
    const { app } = inMemoryApp();
    try {
      const put = await app.request("/v1/servers/test/tools/add", { method: "PUT" });
      assert.equal(put.status, 405);
      assert.equal(put.headers.get("allow"), "GET, POST, HEAD, OPTIONS");
      assert.equal((await problemOf(put)).code, "method_not_allowed");
      const del = await app.request("/v1/openapi.json", { method: "DELETE" });
      assert.equal(del.status, 405);
      assert.equal(del.headers.get("allow"), "GET, HEAD, OPTIONS");
      await del.body?.cancel();
      const get = await app.request("/v1/servers/test/complete");
      assert.equal(get.headers.get("allow"), "POST, OPTIONS");
      await get.body?.cancel();
      const options = await app.request("/v1/servers/test/prompts/greet", { method: "OPTIONS" });
      assert.equal(options.status, 204);
      assert.equal(options.headers.get("allow"), "POST, OPTIONS");
      const unknown = await app.request("/v1/nothing/here", { method: "PUT" });
      assert.equal(unknown.status, 404);
      assert.equal((await problemOf(unknown)).code, "not_found");
    } finally {
      await app.close();
    }
  });

  it("negotiates Accept with q-values: JSON, an event stream, or 406", async () => {
    const { app } = inMemoryApp();
    await using server = await serve(app, { port: 0 });
    const cases: [string, number, string][] = [
      ["text/event-stream;q=0.5, application/json", 200, "application/json"],
      ["application/json;q=0.1, text/event-stream", 200, "text/event-stream; charset=utf-8"],
      ["application/*", 200, "application/json"],
      ["text/event-stream, application/json", 200, "application/json"],
      ["text/html", 406, "application/problem+json"],
      ["application/json;q=0, */*;q=0.2", 200, "text/event-stream; charset=utf-8"],
    ];
    for (const base of [server.url, ""]) {
      for (const [accept, status, type] of cases) {
        const res = base
          ? await fetch(`${base}/v1/servers/test/tools/add`, {
            method: "POST",
            headers: { "content-type": "application/json", accept },
            body: '{"a":1,"b":2}',
          })
          : await post(app, "/v1/servers/test/tools/add", { a: 1, b: 2 }, { accept });
        assert.equal(res.status, status, `${base} ${accept}`);
        assert.equal(res.headers.get("content-type"), type, `${base} ${accept}`);
        await res.body?.cancel();
      }
    }
  });

  it("answers 400 for a malformed X-MCP-Timeout-Ms or view, on both paths", async () => {
    const { app, observed } = inMemoryApp();
    await using server = await serve(app, { port: 0 });
    const bad: [Record<string, string>, string][] = [
      ...["abc", "0", "-5", "1.5", "99999999999", ""].map((v): [Record<string, string>, string] => [
        { "x-mcp-timeout-ms": v },
        "",
      ]),
      [{}, "?view=full"],
      [{}, "?view="],
    ];
    for (const base of [server.url, ""]) {
      for (const [headers, query] of bad) {
        const path = `/v1/servers/test/tools/add${query}`;
        const res = base
          ? await fetch(base + path, {
            method: "POST",
            headers: { "content-type": "application/json", ...headers },
            body: '{"a":1,"b":2}',
          })
          : await post(app, path, { a: 1, b: 2 }, headers);
        assert.equal(res.status, 400, `${base} ${JSON.stringify(headers)} ${query}`);
        const problem = await problemOf(res);
        assert.ok(["invalid_header", "invalid_query"].includes(problem.code as string));
      }
    }
    assert.equal(observed.calls, 0);
    const ok = await post(app, "/v1/servers/test/tools/add", { a: 1, b: 2 }, {
      "x-mcp-timeout-ms": "5000",
    });
    assert.equal(ok.status, 200);
    await ok.body?.cancel();
  });

  it("reads resources with one status per cause: 400 bad URI, 404 unknown or none, charset on text", async () => {
    const { app } = inMemoryApp();
    try {
      const read = (server: string, query: string, headers: Record<string, string> = {}) =>
        app.request(`/v1/servers/${server}/resources/read?${query}`, { headers });
      for (const uri of ["not a uri", "no-scheme", "%00", ""]) {
        const res = await read("test", `uri=${encodeURIComponent(uri)}`);
        assert.equal(res.status, 400, uri);
        assert.equal((await problemOf(res)).code, "invalid_query");
      }
      const unknown = await read("test", "uri=test%3A%2F%2Fmissing");
      assert.equal(unknown.status, 404);
      assert.equal((await problemOf(unknown)).code, "resource_not_found");
      // The echo server has no resources capability: its list is empty and a read is a 404 too.
      assert.deepEqual(await (await app.request("/v1/servers/echo/resources")).json(), {
        resources: [],
      });
      const none = await read("echo", "uri=test%3A%2F%2Fhello");
      assert.equal(none.status, 404);
      assert.equal((await problemOf(none)).code, "resource_not_found");
      const badRaw = await read("test", "uri=test%3A%2F%2Fhello&raw=maybe");
      assert.equal(badRaw.status, 400);
      await badRaw.body?.cancel();
      const raw = await read("test", "uri=test%3A%2F%2Fhello", {
        accept: "application/json;q=0.5, text/plain",
      });
      assert.equal(raw.headers.get("content-type"), "text/plain; charset=utf-8");
      assert.equal(await raw.text(), "hello world");
      const json = await read("test", "uri=test%3A%2F%2Fhello", {
        accept: "text/plain;q=0.5, application/json",
      });
      assert.equal(json.headers.get("content-type"), "application/json");
      assert.equal((await json.json()).contents[0].text, "hello world");
      const png = await read("test", "uri=test%3A%2F%2Fpixel.png&raw=true");
      assert.equal(png.headers.get("content-type"), "image/png");
      await png.body?.cancel();
    } finally {
      await app.close();
    }
  });
});
