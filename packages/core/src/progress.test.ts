import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client as SdkClient } from "@modelcontextprotocol/client";
import { Client } from "./mod.ts";
import { demoServer } from "../test/fixtures/servers.ts";
import { coalescingPair } from "../test/fixtures/coalescing-pair.ts";

async function coalescedClient(
  options: ConstructorParameters<typeof Client>[1] = {},
): Promise<Client> {
  const [clientSide, serverSide] = coalescingPair();
  await demoServer().server.connect(serverSide);
  return await new Client(clientSide, options).connect();
}

describe("progress", () => {
  it("onProgress receives every notification in order, before callTool resolves", async () => {
    await using client = await new Client(demoServer().server).connect();
    const seen: unknown[] = [];
    const result = await client.callTool("progress", { steps: 3 }, {
      onProgress: (progress, total, message) => void seen.push([progress, total, message]),
    });
    assert.deepEqual(result.content, [{ type: "text", text: "finished" }]);
    assert.deepEqual(seen, [[1, 3, "step 1"], [2, 3, "step 2"], [3, 3, "step 3"]]);
  });

  it("the final notification sent back to back with the result is not lost", async () => {
    await using client = await coalescedClient();
    const seen: number[] = [];
    await client.callTool("progress", { steps: 4 }, { onProgress: (p) => void seen.push(p) });
    assert.deepEqual(seen, [1, 2, 3, 4]);
  });

  it("(control) the bare SDK client loses those notifications in the same setup", async () => {
    const [clientSide, serverSide] = coalescingPair();
    await demoServer().server.connect(serverSide);
    const sdk = new SdkClient({ name: "bare", version: "1" });
    sdk.onerror = () => {};
    await sdk.connect(clientSide);
    const seen: number[] = [];
    await sdk.callTool({ name: "progress", arguments: { steps: 4 } }, {
      onprogress: ({ progress }) => void seen.push(progress),
    });
    await sdk.close();
    assert.ok(seen.length < 4, `the SDK saw ${seen.length} of 4`);
  });

  it("the client-wide progressHandler applies unless a call overrides it", async () => {
    const global: number[] = [];
    const local: number[] = [];
    await using client = await coalescedClient({ progressHandler: (p) => void global.push(p) });
    await client.callTool("progress", { steps: 2 });
    await client.callTool("progress", { steps: 2 }, { onProgress: (p) => void local.push(p) });
    assert.deepEqual(global, [1, 2]);
    assert.deepEqual(local, [1, 2]);
  });

  it("callTool waits for async progress handlers to settle", async () => {
    await using client = await coalescedClient();
    const done: number[] = [];
    await client.callTool("progress", { steps: 2 }, {
      onProgress: async (p) => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        done.push(p);
      },
    });
    assert.deepEqual(done, [1, 2]);
  });

  it("no progress token is sent when there is no handler", async () => {
    const { server, observed } = demoServer();
    await using client = await new Client(server).connect();
    await client.callTool("echo", { text: "x" });
    assert.equal(observed.callArgs[0], undefined);
  });

  it("progress notifications also reach on() listeners and messageHandler", async () => {
    const methods: string[] = [];
    await using client = await coalescedClient({
      messageHandler: (n) => void methods.push(n.method),
    });
    const fromOn: number[] = [];
    client.on("notifications/progress", ({ progress }) => void fromOn.push(progress));
    await client.callTool("progress", { steps: 2 }, { onProgress: () => {} });
    assert.deepEqual(fromOn, [1, 2]);
    assert.deepEqual(methods, ["notifications/progress", "notifications/progress"]);
  });
});
