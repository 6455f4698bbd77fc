// Protocol eras: the matrix over a real stdio pipe (the HTTP half is eras-http.test.ts), the
// modern era's log level, and the first call's timeout.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { JSONRPCMessage } from "@modelcontextprotocol/client";
import { Client, type Transport } from "./mod.ts";
import { eraMatrix } from "../test/era-matrix.ts";
import { dualEra } from "../test/fixtures/servers.ts";

eraMatrix("stdio");

/** Delays the answers to `tools/list` by `ms` (a slow listing), passing everything else on. */
function slowListing(inner: Transport, ms: number): Transport {
  const listing = new Set<unknown>();
  const wrapper: Transport = {
    start: () => inner.start(),
    close: () => inner.close(),
    send(message, options) {
      const { method, id } = message as { method?: string; id?: unknown };
      if (method === "tools/list") listing.add(id);
      return inner.send(message, options);
    },
  };
  inner.onmessage = (message: JSONRPCMessage, extra) => {
    const deliver = () => wrapper.onmessage?.(message, extra);
    if (listing.has((message as { id?: unknown }).id)) setTimeout(deliver, ms);
    else deliver();
  };
  inner.onclose = () => wrapper.onclose?.();
  inner.onerror = (error) => wrapper.onerror?.(error);
  return wrapper;
}

describe("protocol eras in memory", () => {
  it("on the modern era, setLoggingLevel() sets the level every request carries", async () => {
    const pair = dualEra();
    try {
      const logs: string[] = [];
      await using client = await new Client(pair.transport, {
        protocol: "2026-07-28",
        logHandler: (message) => void logs.push(message.level),
      }).connect();
      await client.callTool("log");
      assert.deepEqual(logs, ["info", "error"], "a logHandler asks for every level");
      await client.setLoggingLevel("error");
      await client.callTool("log");
      assert.deepEqual(logs, ["info", "error", "error"]);
    } finally {
      await pair.close();
    }
  });

  for (const protocol of ["legacy", "2026-07-28"] as const) {
    it(`the first call's timeout covers only that call, not the implicit tools/list (${protocol})`, async () => {
      const pair = dualEra();
      try {
        const transport = slowListing(pair.transport, 1500);
        await using client = await new Client(transport, { protocol }).connect();
        const result = await client.callTool("quick", {}, { timeout: 1000 });
        assert.deepEqual(result.content, [{ type: "text", text: "done" }]);
      } finally {
        await pair.close();
      }
    });
  }
});
