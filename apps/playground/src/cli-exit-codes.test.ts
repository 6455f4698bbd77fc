// The CLI run in-process through main() with its output captured: the commands against the demo
// server, and the exit-code table applied to every subcommand: usage 2, timeout 3, unreachable or bad config 4, refused by the server 5;
// --version and per-command --help; servers' stderr prefixed (and silenced by --quiet); the
// progress bar cleared and redrawn around log lines on a terminal.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { EXIT, main } from "./cli.ts";
import { redirectOutput } from "./_cli-output.ts";
import { PEERS, runtimeArgs } from "@mcpwire/testing";

const CRASHY = fileURLToPath(new URL("../test/fixtures/crashy-stdio.ts", import.meta.url));
const EVERYTHING = PEERS.everything;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], tty = false): Promise<Run & { later: () => string }> {
  let stdout = "";
  let stderr = "";
  const restore = redirectOutput({
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    tty,
  });
  try {
    const code = await main(argv);
    return { code, stdout, stderr, later: () => stderr };
  } finally {
    restore();
  }
}

describe("mcpwire exit codes and help", () => {
  let dir = "";
  let config = "";
  let invalid = "";
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "mcpwire-exit-"));
    config = join(dir, "mcp.json");
    invalid = join(dir, "invalid.json");
    const [command, ...args] = [process.execPath, ...runtimeArgs(CRASHY)];
    await writeFile(config, JSON.stringify({ mcpServers: { crashy: { command, args } } }));
    await writeFile(invalid, "{ this is not json");
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const table: [string, string[], number, RegExp][] = [
    ["no command", [], EXIT.usage, /^usage: mcpwire <command>/],
    ["an unknown command", ["nope"], EXIT.usage, /unknown command 'nope'/],
    ["an unknown option", ["tools", "demo", "--bogus"], EXIT.usage, /Unknown option '--bogus'/],
    ["a missing option value", ["tools", "demo", "--timeout"], EXIT.usage, /--timeout/],
    ["tools without a source", ["tools"], EXIT.usage, /missing <source>/],
    ["tools with an extra argument", ["tools", "demo", "x"], EXIT.usage, /usage: mcpwire tools/],
    ["a bad --timeout", ["tools", "demo", "--timeout", "soon"], EXIT.usage, /--timeout must/],
    ["call without a tool", ["call", "demo"], EXIT.usage, /usage: mcpwire call/],
    [
      "a wrongly typed argument",
      ["call", "demo", "add", "a=x", "b=1"],
      EXIT.usage,
      /'a' must be a number/,
    ],
    ["a missing argument", ["call", "demo", "add", "a=1"], EXIT.usage, /tool 'add' needs 'b'/],
    [
      "bad --args",
      ["call", "demo", "add", "--args", "[1]"],
      EXIT.usage,
      /--args must be a JSON object/,
    ],
    [
      "a missing prompt argument",
      ["prompt", "demo", "greeting"],
      EXIT.usage,
      /prompt 'greeting' needs 'name'/,
    ],
    ["read without a uri", ["read", "demo"], EXIT.usage, /usage: mcpwire read/],
    [
      "complete without an argument",
      ["complete", "demo", "greeting"],
      EXIT.usage,
      /usage: mcpwire complete/,
    ],
    ["types with an extra argument", ["types", "demo", "x"], EXIT.usage, /usage: mcpwire types/],
    ["playground with a bad port", ["playground", "--port", "http"], EXIT.usage, /--port must be/],
    ["serve-rest without a source", ["serve-rest"], EXIT.usage, /usage: mcpwire serve-rest/],
    [
      "demo-server with an argument",
      ["demo-server", "x"],
      EXIT.usage,
      /usage: mcpwire demo-server/,
    ],
    [
      "a timeout",
      ["call", "demo", "slow_count", "to=5", "--timeout", "100"],
      EXIT.timeout,
      /time/i,
    ],
    ["a missing server file", ["tools", "/nonexistent/server.ts"], EXIT.unreachable, /./],
    ["a missing config", ["call", "/nonexistent/mcp.json", "x"], EXIT.unreachable, /./],
    [
      "playground with a missing config",
      ["playground", "-c", "/nonexistent/mcp.json"],
      EXIT.unreachable,
      /./,
    ],
    [
      "serve-rest with a missing config",
      ["serve-rest", "--config", "/nonexistent/mcp.json"],
      EXIT.unreachable,
      /./,
    ],
    ["an unknown tool", ["call", "demo", "nope"], EXIT.serverError, /no tool 'nope'/],
    [
      "a tool error",
      ["call", "demo", "fail", "message=boom"],
      EXIT.serverError,
      /reported an error: boom/,
    ],
    ["an unknown prompt", ["prompt", "demo", "nope"], EXIT.serverError, /no prompt 'nope'/],
    ["an unknown resource", ["read", "demo", "demo://nope"], EXIT.serverError, /./],
    ["completing an unknown prompt", ["complete", "demo", "nope", "x"], EXIT.serverError, /./],
  ];
  for (const [what, argv, code, message] of table) {
    it(`exits ${code} for ${what}`, async () => {
      const result = await run(argv);
      assert.equal(result.code, code, `${argv.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, message);
      if (argv.length > 0) {
        assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
        assert.match(result.stderr, /^mcpwire: /);
      }
    });
  }

  it("exits 4 for an invalid config, naming the file", async () => {
    const result = await run(["tools", invalid]);
    assert.equal(result.code, EXIT.unreachable, result.stderr);
    assert.match(result.stderr, /invalid\.json/);
  });

  it("prints its version with --version and -v", async () => {
    for (const flag of ["--version", "-v"]) {
      const result = await run([flag]);
      assert.equal(result.code, EXIT.ok);
      assert.match(result.stdout, /^mcpwire \d+\.\d+\.\d+/);
    }
  });

  it("prints each command's own help with --help and help <command>", async () => {
    for (
      const command of [
        "tools",
        "call",
        "read",
        "prompt",
        "complete",
        "types",
        "playground",
        "serve-rest",
      ]
    ) {
      const a = await run([command, "--help"]);
      const b = await run(["help", command]);
      assert.equal(a.code, EXIT.ok);
      assert.equal(a.stdout, b.stdout);
      assert.match(a.stdout, new RegExp(`^usage: mcpwire ${command}`));
      assert.doesNotMatch(
        a.stdout,
        /^ {2}tools <source> {10,}list the tools/m,
        "not the global help",
      );
    }
    const global = await run(["--help"]);
    assert.match(global.stdout, /exit codes \(every command\):\n {2}0 {2}ok/);
  });

  it("prefixes a stdio server's stderr with its name, and --quiet silences it", async () => {
    const loud = await run(["tools", config]);
    assert.equal(loud.code, EXIT.ok, loud.stderr);
    const deadline = Date.now() + 10_000;
    while (!/^\[crashy\] crashy-stdio: started$/m.test(loud.later()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.match(loud.later(), /^\[crashy\] crashy-stdio: started$/m);
    const quiet = await run(["tools", config, "--quiet"]);
    assert.equal(quiet.code, EXIT.ok, quiet.stderr);
    assert.equal(quiet.stderr, "");
  });

  it("clears the progress bar before a log line on a terminal and draws it again", async () => {
    const result = await run(["call", "demo", "slow_count", "to=2"], true);
    assert.equal(result.code, EXIT.ok, result.stderr);
    assert.equal(result.stdout, "counted to 2\n");
    // The second step's log line erases the bar of step 1, then the bar comes back.
    const erase = "\r\u001b[2K";
    assert.ok(
      result.stderr.includes(
        `${erase}[info] step 2 of 2\n[${"#".repeat(12)}${" ".repeat(12)}] 50%`,
      ),
      JSON.stringify(result.stderr),
    );
    assert.match(result.stderr, /100% counted 2\n$/);
  });

  it("types every tool a server lists, also those shown only to clients with sampling, elicitation or roots", async () => {
    const everything = join(dir, "everything.json");
    await writeFile(
      everything,
      JSON.stringify({ mcpServers: { everything: { command: "node", args: [EVERYTHING] } } }),
    );
    const result = await run(["types", everything, "--quiet"]);
    assert.equal(result.code, EXIT.ok, result.stderr);
    for (
      const tool of ["trigger-sampling-request", "trigger-elicitation-request", "get-roots-list"]
    ) {
      assert.match(result.stdout, new RegExp(`"${tool}": \\{ args:`), tool);
    }
  });

  it("tools --json lists the demo server's tools", async () => {
    const result = await run(["tools", "demo", "--json"]);
    assert.equal(result.code, EXIT.ok, result.stderr);
    const names = JSON.parse(result.stdout).map((t: { name: string }) => t.name);
    assert.ok(names.includes("add") && names.includes("slow_count"), names.join());
  });

  it("call types key=value arguments by the schema and prints JSON", async () => {
    const result = await run(["call", "demo", "add", "a=2", "b=3.5", "--json"]);
    assert.equal(result.code, EXIT.ok, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout).structuredContent, { sum: 5.5 });
  });

  it("call shows a progress bar and the logs on stderr, the result on stdout", async () => {
    const result = await run(["call", "demo", "slow_count", "to=2", "delayMs=5"]);
    assert.equal(result.code, EXIT.ok, result.stderr);
    assert.equal(result.stdout, "counted to 2\n");
    assert.match(result.stderr, /\[info\] step 2 of 2/);
    assert.match(result.stderr, /\[#+\] 100% counted 2/);
  });

  it("--timeout starts again at each progress notification; --max-timeout bounds the call", async () => {
    // Six steps 400 ms apart take at least 2.4 s: past a 1.5 s timeout unless progress resets it.
    const slow = ["call", "demo", "slow_count", "to=6", "delayMs=400", "--quiet"];
    const reset = await run([...slow, "--timeout", "1500"]);
    assert.equal(reset.code, EXIT.ok, reset.stderr);
    assert.equal(reset.stdout, "counted to 6\n");
    const capped = await run([...slow, "--timeout", "1500", "--max-timeout", "1000"]);
    assert.equal(capped.code, EXIT.timeout, capped.stderr);
    const bad = await run([...slow, "--max-timeout", "never"]);
    assert.equal(bad.code, EXIT.usage);
    assert.match(bad.stderr, /--max-timeout must be/);
  });

  it("complete lists the values of an optional prompt argument", async () => {
    const result = await run(["complete", "demo", "greeting", "style"]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split("\n"), ["casual", "formal"]);
  });

  it("types writes argument and result types for every tool", async () => {
    const result = await run(["types", "demo"]);
    assert.equal(result.code, EXIT.ok, result.stderr);
    assert.match(result.stdout, /^\/\/ Generated by `mcpwire types` from demo 1\.0\.0\./);
    assert.match(result.stdout, /export interface AddResult \{\n {2}sum: number;\n\}/);
    assert.match(
      result.stdout,
      /"slow_count": \{ args: SlowCountArgs; result: SlowCountResult \};/,
    );
  });
});
