import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { eventually, freePort, runtimeArgs, startEverything, waitFor } from "./mod.ts";

describe("waitFor() and eventually()", () => {
  it("waitFor() resolves once the check holds and throws naming what it waited for", async () => {
    let n = 0;
    await waitFor(() => ++n >= 3, "three polls");
    assert.equal(n, 3);
    await assert.rejects(
      waitFor(() => false, "the impossible", 50),
      /the impossible: not within 50 ms/,
    );
  });

  it("eventually() tells whether the check held in time", async () => {
    assert.equal(await eventually(() => true), true);
    assert.equal(await eventually(async () => await Promise.resolve(false), 50), false);
  });
});

describe("runtimeArgs()", () => {
  it("runs TypeScript with the repo's sources and plain JavaScript without a loader", () => {
    const ts = runtimeArgs("x.ts", { gc: true });
    const js = runtimeArgs("x.mjs");
    if ("Deno" in globalThis) {
      assert.deepEqual(ts, ["run", "-A", "--v8-flags=--expose-gc", "x.ts"]);
    } else if ("Bun" in globalThis) {
      assert.deepEqual(js, ["--conditions=@mcpwire/source", "x.mjs"]);
    } else {
      assert.deepEqual(ts, [
        "--expose-gc",
        "--conditions=@mcpwire/source",
        "--import",
        "tsx",
        "x.ts",
      ]);
      assert.deepEqual(js, ["--conditions=@mcpwire/source", "x.mjs"]);
    }
  });
});

describe("freePort() and startEverything()", () => {
  it("a free port can be listened on", async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    await new Promise((resolve) => server.close(resolve));
  });

  it("server-everything answers initialize over Streamable HTTP until closed", async () => {
    const server = await startEverything("streamableHttp");
    const initialize = () =>
      fetch(server.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
        },
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "initialize",
          params: {
            protocolVersion: "2025-06-18",
            capabilities: {},
            clientInfo: { name: "t", version: "1" },
          },
        }),
      });
    try {
      const response = await initialize();
      assert.equal(response.status, 200);
      assert.match(await response.text(), /"serverInfo"/);
    } finally {
      await server.close();
    }
    assert.notEqual(server.child.exitCode ?? server.child.signalCode, null);
    await assert.rejects(initialize());
  });
});
