// Tasks end to end against server-everything (SDK v1's tasks runtime), over a real stdio pipe and
// real loopback Streamable HTTP, through mcpwire's own transports.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { PEERS, type RunningServer, startEverything } from "@mcpwire/testing";
import { CancelledError, Client, type ClientOptions, type Task } from "./mod.ts";

const EVERYTHING = PEERS.everything;
const RESEARCH = "simulate-research-query";

type Connect = (options: ClientOptions) => Client;

function scenarios(connect: Connect): void {
  it("a required-task tool runs to completion, its status changes observed", async () => {
    await using client = await connect({ timeout: 30_000 }).connect();
    const tools = await client.listTools();
    assert.equal(tools.find((t) => t.name === RESEARCH)?.execution?.taskSupport, "required");
    await using task = await client.callTool(RESEARCH, { topic: "tides" }, { task: true });
    const seen: Task[] = [];
    task.onStatusChange((t) => void seen.push(t));
    const result = await task.result();
    const text = result.content[0]?.type === "text" ? result.content[0].text : "";
    assert.match(text, /Research Report: tides/);
    assert.equal(task.lastStatus.status, "completed");
    assert.ok(seen.length >= 2, `status changes seen: ${JSON.stringify(seen)}`);
    assert.equal(seen.at(-1)?.status, "completed");
    assert.ok(seen.some((t) => t.status === "working" && t.statusMessage), "working with messages");
    assert.ok((await client.listTasks()).some((t) => t.taskId === task.taskId));
  });

  it("cancel() stops the task on the server", async () => {
    await using client = await connect({ timeout: 30_000 }).connect();
    const task = await client.callTool(RESEARCH, { topic: "tides" }, { task: true });
    const pending = task.result();
    assert.equal((await task.cancel()).status, "cancelled");
    await assert.rejects(pending, CancelledError);
    assert.equal((await task.status()).status, "cancelled");
  });

  it("input_required is answered through the elicitationHandler", async () => {
    const asked: string[] = [];
    await using client = await connect({
      timeout: 30_000,
      elicitationHandler: (message) => (asked.push(message), { interpretation: "historical" }),
    }).connect();
    const statuses = new Set<string>();
    await using task = await client.callTool(RESEARCH, { topic: "tides", ambiguous: true }, {
      task: true,
    });
    task.onStatusChange((t) => void statuses.add(t.status));
    const result = await task.result();
    assert.equal(asked.length, 1);
    assert.match(asked[0]!, /multiple interpretations/);
    const text = result.content[0]?.type === "text" ? result.content[0].text : "";
    assert.match(text, /tides \(historical\)/);
    assert.ok(statuses.has("input_required"), [...statuses].join(", "));
  });
}

describe("tasks against server-everything over stdio", () => {
  scenarios((options) => new Client(EVERYTHING, { ...options, args: ["stdio"], stderr: "ignore" }));
});

describe("tasks against server-everything over Streamable HTTP", () => {
  let server: RunningServer | undefined;
  before(async () => {
    server = await startEverything("streamableHttp");
  });
  after(async () => {
    await server?.close();
  });
  scenarios((options) => new Client(server!.url, options));
});
