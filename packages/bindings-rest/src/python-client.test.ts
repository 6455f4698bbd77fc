import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { inMemoryApp } from "./_test_helpers.ts";
import { createRestApp } from "./app.ts";
import { serve } from "./serve.ts";
import { PEERS, requirement } from "@mcpwire/testing";

const SCRIPT = fileURLToPath(new URL("../../../examples/python/rest_client.py", import.meta.url));
const EVERYTHING = PEERS.everything;

function runPython(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("python3", [SCRIPT, ...args], {
      env: { ...env, PATH: globalThis.process.env.PATH ?? "" },
      timeout: 90_000,
    }, (
      err,
      stdout,
      stderr,
    ) => err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout));
  });
}

// deno-lint-ignore no-explicit-any -- the script's JSON lines
type Line = Record<string, any>;

/** The script's JSON lines, by their first key (events are kept in order apart). */
function parse(out: string): { by: Record<string, Line>; events: string[] } {
  const lines = out.trim().split("\n").map((l) => JSON.parse(l) as Line);
  const by: Record<string, Line> = {};
  for (const line of lines) by[Object.keys(line)[0]!] ??= line;
  return { by, events: lines.filter((l) => l.event).map((l) => l.event) };
}

describe(
  "examples/python/rest_client.py",
  { skip: requirement("python3") },
  () => {
    it(
      "makes the generated client's calls, streams, and runs and cancels a task against a live binding",
      {
        timeout: 90_000,
      },
      async () => {
        const { app } = inMemoryApp({ apiKeys: ["py-key"] });
        await using server = await serve(app, { port: 0 });
        const out = await runPython([
          server.url,
          ...["--server", "test", "--tool", "add", "--args", '{"a": 20, "b": 22}'],
          ...["--error-tool", "fail", "--data-tool", "add", "--data-args", '{"a": 1, "b": 2}'],
          ...["--prompt", "greet", "--prompt-args", '{"name": "Ada"}'],
          ...["--complete-prompt", "greet", "--complete-arg", "name", "--complete-value", "al"],
          ...["--stream-tool", "slow", "--stream-args", '{"steps": 3, "delayMs": 20}'],
          ...[
            "--task-server",
            "jobs",
            "--task-tool",
            "research",
            "--task-args",
            '{"topic": "tides"}',
          ],
          ...["--cancel-tool", "work", "--cancel-args", '{"n": 1}'],
        ], { MCPWIRE_API_KEY: "py-key" });
        const { by, events } = parse(out);
        assert.ok(by.tools!.tools.includes("add"));
        assert.deepEqual(by.call!.call.data, { sum: 42 });
        assert.equal(by.call!.call.isError, false);
        assert.equal(by.toolError!.toolError.isError, true);
        assert.equal(by.toolError!.toolError.structuredContent, null);
        assert.deepEqual(by.data!.data, { sum: 3 });
        assert.equal(by.read!.read.uri, "test://hello");
        assert.ok(by.prompts!.prompts.includes("greet"));
        assert.equal(by.prompt!.prompt[0].content.text, "Hello, Ada!");
        assert.deepEqual(by.completion!.completion, ["alice", "albert"]);
        assert.equal(events.filter((e) => e === "progress").length, 3);
        assert.equal(events.at(-1), "result");
        assert.ok(["working", "completed"].includes(by.task!.task.status), by.task!.task.status);
        assert.match(by.task!.location, /^\/v1\/servers\/jobs\/tasks\/./);
        assert.equal(by.taskResult!.taskResult.content[0].text, "report on tides");
        assert.equal(by.cancelled!.cancelled, "cancelled");
        assert.equal(by.cancelledResult!.cancelledResult, "task_cancelled");
        assert.equal(by.error!.error, "tool_not_found");
      },
    );

    it("runs with its defaults (the README's command) against server-everything", {
      timeout: 120_000,
    }, async () => {
      const app = createRestApp({
        mcpServers: { everything: { command: "node", args: [EVERYTHING] } },
      }, { apiKeys: ["py-key"] });
      await using server = await serve(app, { port: 0 });
      const out = await runPython([
        server.url,
        "--key",
        "py-key",
        "--stream-args",
        '{"duration": 0.3, "steps": 2}',
      ], {});
      const { by, events } = parse(out);
      assert.match(by.call!.call.content[0].text, /The sum of 2 and 3 is 5/);
      assert.deepEqual(Object.keys(by.data!.data).sort(), [
        "conditions",
        "humidity",
        "temperature",
      ]);
      assert.match(JSON.stringify(by.prompt!.prompt), /Paris/);
      assert.ok(by.completion!.completion.length > 0);
      assert.equal(events.at(-1), "result");
      assert.match(by.taskResult!.taskResult.content[0].text, /Research Report: tides/);
      assert.equal(by.cancelled!.cancelled, "cancelled");
      assert.equal(by.cancelledResult!.cancelledResult, "task_cancelled");
      assert.equal(by.error!.error, "tool_not_found");
    });
  },
);
