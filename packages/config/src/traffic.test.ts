// trafficHandler through a config source and MultiServerClient: each server's messages, named
// after its entry.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client, type TrafficEntry } from "@mcpwire/core";
import { MultiServerClient } from "./mod.ts";
import { inMemory, testServer } from "./_test_servers.ts";

const CONFIG = { mcpServers: { weather: { command: "w" }, docs: { command: "d" } } };
const servers = {
  createTransport: (name: string) => inMemory(testServer(name)),
  onWarning: () => {},
};

/** Each server's messages as `direction method-or-outcome`, by server name. */
function byServer(entries: TrafficEntry[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { server, direction, message } of entries) {
    const m = message as { method?: string };
    (out[server] ??= []).push(`${direction} ${m.method ?? ("result" in m ? "result" : "error")}`);
  }
  return out;
}

const HANDSHAKE = ["send initialize", "receive result", "send notifications/initialized"];

describe("trafficHandler with a config", () => {
  it("new Client(config) reports each server's traffic under its entry's name", async () => {
    const entries: TrafficEntry[] = [];
    const client = new Client(CONFIG, {
      ...servers,
      trafficHandler: (entry: TrafficEntry) => void entries.push(entry),
    });
    try {
      await client.connect();
      await client.callTool("docs_echo", { text: "hi" });
    } finally {
      await client.close();
    }
    const seen = byServer(entries);
    assert.deepEqual(Object.keys(seen).sort(), ["docs", "weather"]);
    assert.deepEqual(seen.weather?.slice(0, 3), HANDSHAKE);
    assert.deepEqual(seen.docs?.slice(0, 3), HANDSHAKE);
    const call = entries.find((e) => (e.message as { method?: string }).method === "tools/call");
    assert.equal(call?.server, "docs");
    assert.deepEqual((call?.message as { params?: unknown }).params, {
      name: "echo",
      arguments: { text: "hi" },
    });
  });

  it("MultiServerClient reports each server's traffic under its entry's name", async () => {
    const entries: TrafficEntry[] = [];
    const client = new MultiServerClient(CONFIG, {
      ...servers,
      trafficHandler: (entry) => void entries.push(entry),
    });
    try {
      await client.connect();
      await client.callTool({ name: "weather_echo", arguments: { text: "hi" } });
    } finally {
      await client.close();
    }
    const seen = byServer(entries);
    assert.deepEqual(Object.keys(seen).sort(), ["docs", "weather"]);
    assert.deepEqual(seen.docs?.slice(0, 3), HANDSHAKE);
    assert.ok(seen.weather?.includes("send tools/call"), `${seen.weather}`);
  });
});
