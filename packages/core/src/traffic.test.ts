// The trafficHandler tap: every JSON-RPC message on the connection, in wire order, on each era
// and kind of source.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { PEERS, startEverything, waitFor } from "@mcpwire/testing";
import { Client, type TrafficEntry } from "./mod.ts";
import { demoServer, dualEra } from "../test/fixtures/servers.ts";

/** One entry as `direction method-or-outcome #id`, ids replaced by their order of first use. */
function summarise(entries: TrafficEntry[]): string[] {
  const ids = new Map<unknown, number>();
  return entries.map(({ direction, message }) => {
    const m = message as { id?: unknown; method?: string; result?: unknown; error?: unknown };
    const what = m.method ?? ("result" in m ? "result" : "error");
    if (!("id" in m)) return `${direction} ${what}`;
    if (!ids.has(m.id)) ids.set(m.id, ids.size + 1);
    return `${direction} ${what} #${ids.get(m.id)}`;
  });
}

describe("trafficHandler", () => {
  it("reports every message of an in-memory connection in wire order, answers matching requests", async () => {
    const entries: TrafficEntry[] = [];
    const { server, observed } = demoServer();
    const client = new Client(server, {
      trafficHandler: (entry) => void entries.push(entry),
      samplingHandler: () => "yes",
      logHandler: () => {},
    });
    try {
      await client.connect();
      await client.callTool("add", { a: 1, b: 2 });
      await client.callTool("progress", { steps: 2 }, { onProgress: () => {} });
      await client.callTool("sample", { prompt: "hi" });
      await assert.rejects(client.getPrompt("nope"));
      const controller = new AbortController();
      const slow = client.callTool("slow", {}, { signal: controller.signal });
      await waitFor(
        () => entries.some((e) => toolOf(e) === "slow"),
        "tools/call slow sent",
        30_000,
      );
      controller.abort("stop");
      await assert.rejects(slow);
      await waitFor(() => observed.aborted.length === 1, "the server saw the cancel", 30_000);
    } finally {
      await client.close();
    }
    assert.deepEqual(summarise(entries), [
      "send initialize #1",
      "receive result #1",
      "send notifications/initialized",
      "send tools/list #2",
      "receive result #2",
      "send tools/call #3",
      "receive result #3",
      "send tools/call #4",
      "receive notifications/progress",
      "receive notifications/progress",
      "receive result #4",
      "send tools/call #5",
      "receive sampling/createMessage #6",
      "send result #6",
      "receive result #5",
      "send prompts/get #7",
      "receive error #7",
      "send tools/call #8",
      "send notifications/cancelled",
    ]);
    assert.deepEqual(
      entries.slice(0, 3).map((e) => e.server),
      Array(3).fill("in-memory server"),
      "the source's name until the handshake",
    );
    assert.ok(entries.slice(3).every((e) => e.server === "demo"), "named after the handshake");
  });

  it("reports a real stdio server-everything run, its requests to the client and our answers", async () => {
    const entries: TrafficEntry[] = [];
    const client = new Client(PEERS.everything, {
      args: ["stdio"],
      stderr: "ignore",
      timeout: 30_000,
      serverName: "everything",
      roots: ["/tmp"],
      samplingHandler: () => "sampled",
      elicitationHandler: () => ({ action: "decline" }),
      trafficHandler: (entry) => void entries.push(entry),
    });
    try {
      await client.connect();
      await client.callTool("echo", { message: "hi" });
      await client.callTool("trigger-sampling-request", { prompt: "hi", maxTokens: 5 });
      await client.callTool("get-roots-list", {});
    } finally {
      await client.close();
    }
    const seen = summarise(entries);
    assert.deepEqual(seen.slice(0, 3), [
      "send initialize #1",
      "receive result #1",
      "send notifications/initialized",
    ]);
    assert.ok(entries.every((e) => e.server === "everything"));
    assertAnswered(entries);
    const sampling = seen.indexOf(
      seen.find((s) => s.startsWith("receive sampling/createMessage"))!,
    );
    assert.ok(sampling > 0, `a sampling request in ${seen.join(", ")}`);
    const id = seen[sampling]!.split(" ")[2];
    assert.ok(seen.slice(sampling).includes(`send result ${id}`), "our answer to it");
    assert.ok(seen.some((s) => s.startsWith("receive roots/list")), "the server asked for roots");
    const echo = entries.find((e) => toolOf(e) === "echo");
    assert.deepEqual((echo?.message as { params?: unknown }).params, {
      name: "echo",
      arguments: { message: "hi" },
    });
  });

  it("reports the auto era's connection (the SDK client's messages), answers matching requests", async () => {
    const entries: TrafficEntry[] = [];
    const client = new Client(demoServer().server, {
      protocol: "auto",
      trafficHandler: (entry) => void entries.push(entry),
    });
    try {
      await client.connect();
      await client.callTool("add", { a: 1, b: 2 });
    } finally {
      await client.close();
    }
    assert.deepEqual(summarise(entries), [
      "send server/discover #1",
      "receive error #1",
      "send initialize #2",
      "receive result #2",
      "send notifications/initialized",
      "send tools/list #3",
      "receive result #3",
      "send tools/call #4",
      "receive result #4",
    ]);
    const call = entries.find((e) => toolOf(e) === "add")!;
    const answer = entries.find((e) =>
      e.direction === "receive" && (e.message as { id?: unknown }).id ===
        (call.message as { id?: unknown }).id
    );
    assert.deepEqual(
      (answer?.message as { result?: { structuredContent?: unknown } }).result
        ?.structuredContent,
      { sum: 3 },
    );
  });

  it("reports a transport object's modern-era connection as sent, log level envelope included", async () => {
    const entries: TrafficEntry[] = [];
    const pair = dualEra(["info"]);
    try {
      await using client = await new Client(pair.transport, {
        protocol: "auto",
        logHandler: () => {},
        trafficHandler: (entry) => void entries.push(entry),
      }).connect();
      await client.callTool("log");
    } finally {
      await pair.close();
    }
    const seen = summarise(entries);
    assert.deepEqual(seen.slice(0, 2), ["send server/discover #1", "receive result #1"]);
    assert.ok(!seen.includes("send initialize #2"), seen.join(", "));
    assert.deepEqual(seen.filter((s) => s.includes("notifications/message")), [
      "receive notifications/message",
    ]);
    assertAnswered(entries);
    const call = entries.find((e) => toolOf(e) === "log")!.message as {
      params: { _meta?: Record<string, unknown> };
    };
    assert.equal(call.params._meta?.["io.modelcontextprotocol/logLevel"], "debug");
  });

  it("reports a Streamable HTTP connection to server-everything", async () => {
    await using running = await startEverything("streamableHttp");
    const entries: TrafficEntry[] = [];
    const client = new Client(running.url, {
      timeout: 30_000,
      trafficHandler: (entry) => void entries.push(entry),
    });
    try {
      await client.connect();
      await client.callTool("echo", { message: "over http" });
    } finally {
      await client.close();
    }
    const seen = summarise(entries);
    assert.deepEqual(seen.slice(0, 3), [
      "send initialize #1",
      "receive result #1",
      "send notifications/initialized",
    ]);
    assert.ok(seen.includes("send tools/call #3") && seen.includes("receive result #3"), `${seen}`);
    assertAnswered(entries);
    assert.equal(entries[0]?.server, running.url.href, "the URL until the handshake is done");
    assert.ok(
      entries.slice(3).every((e) => e.server === "mcp-servers/everything"),
      entries[3]?.server,
    );
  });

  it("a handler that throws is reported to onWarning and the connection goes on", async () => {
    const warnings: Error[] = [];
    await using client = await new Client(demoServer().server, {
      onWarning: (warning) => void warnings.push(warning),
      trafficHandler: () => {
        throw new Error("pane closed");
      },
    }).connect();
    const result = await client.callTool("add", { a: 2, b: 3 });
    assert.deepEqual(result.data, { sum: 5 });
    assert.ok(warnings.length >= 7, `${warnings.length} warnings`);
    assert.match(warnings[0]!.message, /trafficHandler threw: pane closed/);
  });
});

function toolOf(entry: TrafficEntry): string | undefined {
  const message = entry.message as { method?: string; params?: { name?: unknown } };
  return message.method === "tools/call" ? String(message.params?.name) : undefined;
}

/** Every request, either way, has exactly one answer in the other direction, after it. */
function assertAnswered(entries: TrafficEntry[]): void {
  entries.forEach((entry, index) => {
    const m = entry.message as { id?: unknown; method?: string };
    if (m.method === undefined || !("id" in m)) return;
    const answers = entries.filter((e, i) =>
      i > index && e.direction !== entry.direction && !("method" in e.message) &&
      (e.message as { id?: unknown }).id === m.id
    );
    assert.equal(answers.length, 1, `one answer to ${m.method} ${String(m.id)}`);
  });
}
