import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Catalog } from "./_catalog.ts";
import { Upstreams } from "./upstreams.ts";
import type { UpstreamClient } from "./upstream-client.ts";

/** A load that the test settles by hand, counting how often it was asked for. */
function manualLoad() {
  const pending: { resolve: (items: { name: string }[]) => void; reject: (e: Error) => void }[] =
    [];
  const load = () =>
    new Promise<{ name: string }[]>((resolve, reject) => pending.push({ resolve, reject }));
  return { load, pending };
}

describe("Catalog", () => {
  it("shares one load between every caller that finds the list missing or stale", async () => {
    let now = 0;
    const { load, pending } = manualLoad();
    const catalog = new Catalog(load, 100, () => now);
    const first = Promise.all([catalog.list(), catalog.list(), catalog.list(true)]);
    assert.equal(pending.length, 1);
    pending[0]!.resolve([{ name: "a" }]);
    assert.deepEqual((await first).map((l) => l.length), [1, 1, 1]);
    assert.equal((await catalog.list())[0]!.name, "a");
    assert.equal(pending.length, 1, "a fresh list is not loaded again");
    now = 100;
    const again = Promise.all(Array.from({ length: 32 }, () => catalog.list()));
    assert.equal(pending.length, 2, "32 callers of a stale list: one load");
    pending[1]!.resolve([{ name: "b" }]);
    assert.ok((await again).every((l) => l[0]!.name === "b"));
  });

  it("answers lookups from a stale list while one refresh runs in the background", async () => {
    let now = 0;
    const { load, pending } = manualLoad();
    const catalog = new Catalog(load, 100, () => now);
    assert.equal(catalog.cached("a"), undefined, "nothing held yet");
    assert.equal(pending.length, 0, "a lookup without a list loads nothing");
    const loaded = catalog.list();
    pending[0]!.resolve([{ name: "a" }]);
    await loaded;
    assert.equal(catalog.cached("a")?.name, "a");
    assert.equal(pending.length, 1);
    now = 150;
    for (let i = 0; i < 10; i++) assert.equal(catalog.cached("a")?.name, "a");
    assert.equal(pending.length, 2, "ten lookups of a stale list: one refresh");
    pending[1]!.resolve([{ name: "c" }]);
    await catalog.list();
    assert.equal(catalog.cached("a"), undefined, "the refreshed list is used");
    assert.equal(catalog.cached("c")?.name, "c");
  });

  it("keeps a list loaded before clear() only until the next one, and retries after a failed refresh", async () => {
    let now = 0;
    const { load, pending } = manualLoad();
    const catalog = new Catalog(load, 100, () => now);
    const old = catalog.list();
    catalog.clear(); // a list_changed notification while the server was answering
    const fresh = catalog.list();
    assert.equal(pending.length, 2, "the load begun before clear() is not shared");
    pending[0]!.resolve([{ name: "old" }]);
    assert.equal((await old)[0]!.name, "old");
    assert.equal(catalog.cached("old")?.name, "old", "kept, as stale, until the new list comes");
    assert.equal(pending.length, 2, "the load under way is the refresh");
    pending[1]!.resolve([{ name: "new" }]);
    assert.equal((await fresh)[0]!.name, "new");
    assert.equal(catalog.cached("old"), undefined);
    assert.equal(catalog.cached("new")?.name, "new");

    now = 200;
    assert.equal(catalog.cached("new")?.name, "new");
    pending[2]!.reject(new Error("connection lost")); // the background refresh fails unseen
    await new Promise((resolve) => setTimeout(resolve, 0));
    const retried = catalog.list();
    assert.equal(pending.length, 4, "the next caller loads again");
    pending[3]!.resolve([{ name: "back" }]);
    assert.equal((await retried)[0]!.name, "back");
  });
});

describe("Upstream catalogs", () => {
  it("sends one tools/list however many calls look a tool up at once", async () => {
    let lists = 0;
    const listeners = new Map<string, () => void>();
    const client = {
      connect: () => Promise.resolve(),
      close: () => Promise.resolve(),
      initializeResult: { capabilities: { tools: {} } },
      on: (method: string, listener: () => void) => {
        listeners.set(method, listener);
        return () => listeners.delete(method);
      },
      listTools: async () => {
        lists++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { tools: [{ name: "add" }] };
      },
      listPrompts: () => Promise.resolve({ prompts: [] }),
    } as unknown as UpstreamClient;
    const upstream = new Upstreams().add("fake", client);
    await upstream.connect();
    assert.equal(lists, 1, "connecting lists the tools once");
    listeners.get("notifications/tools/list_changed")!();
    assert.equal(upstream.cachedTool("add"), undefined, "list_changed forgets the list");
    const found = await Promise.all(Array.from({ length: 32 }, () => upstream.tool("add")));
    assert.ok(found.every((t) => t.name === "add"));
    assert.equal(lists, 2, "32 concurrent lookups after list_changed: one tools/list");
    await upstream.close();
  });
});
