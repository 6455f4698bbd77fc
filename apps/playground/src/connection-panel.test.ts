// The connection panel's routes: a config file's servers added, a server edited (renamed, new
// environment) and removed, each change seen in /v1/servers and the OpenAPI document.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { createPlayground, type Playground } from "./playground.ts";
import { runtimeArgs } from "@mcpwire/testing";
import { send } from "./_test_requests.ts";
import { events } from "./_test_sse.ts";

const FIXTURE = fileURLToPath(new URL("../test/fixtures/demo-stdio.ts", import.meta.url));

async function names(p: Playground): Promise<string[]> {
  const { servers } = await (await send(p, "GET", "/v1/servers")).json();
  return servers.map((s: { name: string }) => s.name);
}

async function openApiServers(p: Playground): Promise<string[]> {
  const doc = await (await send(p, "GET", "/v1/openapi.json")).json();
  const params = doc.paths["/v1/servers/{server}"].get.parameters as {
    name: string;
    schema: { enum?: string[] };
  }[];
  return params.find((x) => x.name === "server")?.schema.enum ?? [];
}

describe("the connection panel's routes", () => {
  let dir = "";
  let config = "";
  let p: Playground;
  const entry = { command: process.execPath, args: runtimeArgs(FIXTURE) };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "mcpwire-panel-"));
    config = join(dir, "mcp.json");
    await writeFile(
      config,
      JSON.stringify({ mcpServers: { one: entry, off: { ...entry, disabled: true } } }),
    );
    p = createPlayground({ demoOptions: { stepMs: 5 } });
  });

  after(async () => {
    await p.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("adds the enabled servers of a config file, and refuses it twice or unreadable", async () => {
    const added = await send(p, "POST", "/playground/config-files", { path: config });
    assert.equal(added.status, 201, await added.clone().text());
    const body = await added.json();
    assert.deepEqual(body.servers.map((s: { state: string }) => s.state), ["connected"]);
    assert.deepEqual(await names(p), ["demo", "one"]);
    assert.deepEqual(await openApiServers(p), ["demo", "one"]);
    const again = await send(p, "POST", "/playground/config-files", { path: config });
    assert.equal(again.status, 409);
    assert.match((await again.json()).error, /'one'/);
    const missing = await send(p, "POST", "/playground/config-files", {
      path: join(dir, "nope.json"),
    });
    assert.equal(missing.status, 400);
    assert.match((await missing.json()).error, /nope\.json.*no such file|no such file/);
  });

  it("edits a server: its entry comes back, and a new name and environment replace it", async () => {
    const got = await (await send(p, "GET", "/playground/servers/one")).json();
    assert.deepEqual(got, { name: "one", entry });
    const edited = await send(p, "PUT", "/playground/servers/one", {
      name: "uno",
      entry: { ...entry, env: { GREETING: "hola" } },
    });
    assert.equal(edited.status, 200, await edited.clone().text());
    assert.equal((await edited.json()).state, "connected");
    assert.deepEqual(await names(p), ["demo", "uno"]);
    assert.deepEqual(await openApiServers(p), ["demo", "uno"]);
    const now = await (await send(p, "GET", "/playground/servers/uno")).json();
    assert.deepEqual(now.entry.env, { GREETING: "hola" });
    const sum = await send(p, "POST", "/v1/servers/uno/tools/add", { a: 2, b: 3 });
    assert.deepEqual((await sum.json()).structuredContent, { sum: 5 });
    assert.equal((await send(p, "GET", "/playground/servers/demo")).status, 404);
    const bad = await send(p, "PUT", "/playground/servers/uno", { entry: { command: 3 } });
    assert.equal(bad.status, 400);
    assert.deepEqual(await names(p), ["demo", "uno"]);
  });

  it("removes a server: gone from /v1/servers and the OpenAPI enum; its routes answer 404", async () => {
    assert.equal((await send(p, "DELETE", "/playground/servers/uno")).status, 204);
    assert.deepEqual(await names(p), ["demo"]);
    assert.deepEqual(await openApiServers(p), ["demo"]);
    assert.equal((await send(p, "POST", "/v1/servers/uno/tools/add", { a: 1, b: 1 })).status, 404);
    assert.equal((await send(p, "DELETE", "/playground/servers/uno")).status, 404);
  });
});

describe("removing a server", () => {
  it("drops what the playground kept of it: its traffic and its tasks; the pages are told", async () => {
    await using p = createPlayground({ demoOptions: { stepMs: 5 } });
    const stream = events(await send(p, "GET", "/playground/events"));
    try {
      await stream.next("hello");
      const started = await send(p, "POST", "/playground/servers/demo/tasks", {
        tool: "research",
        arguments: { topic: "tides", steps: 1 },
      });
      assert.equal(started.status, 202, await started.clone().text());
      const traffic = async () => {
        const page = events(await send(p, "GET", "/playground/events"));
        try {
          return await page.next("traffic-recent") as { server: string }[];
        } finally {
          await page.close();
        }
      };
      assert.ok((await traffic()).some((e) => e.server === "demo"));
      const tasks = async () =>
        (await (await send(p, "GET", "/playground/tasks")).json()).tasks as { server: string }[];
      assert.deepEqual((await tasks()).map((t) => t.server), ["demo"]);
      assert.equal((await send(p, "DELETE", "/playground/servers/demo")).status, 204);
      assert.deepEqual(await stream.next("server-removed"), { server: "demo" });
      assert.deepEqual(await traffic(), []);
      assert.deepEqual(await tasks(), []);
    } finally {
      await stream.close();
    }
  });
});
