// The CLI's progress bar in a real pseudo-terminal: `mcpwire call demo slow_count` run under
// util-linux's `script`, its output replayed through a small terminal model (carriage return,
// erase line, newline), and the final screen checked: each log line whole on its own line, the
// bar once at 100%, then the result — nothing garbled by the redraws.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { requirement, runtimeArgs } from "@mcpwire/testing";

const BIN = fileURLToPath(new URL("./bin.ts", import.meta.url));

/** The lines a terminal shows after `output`: \r, ESC[2K, \n and printable text only. */
function screen(output: string): string[] {
  const lines: string[] = [""];
  let col = 0;
  for (let i = 0; i < output.length; i++) {
    const ch = output[i]!;
    const row = lines.length - 1;
    if (ch === "\r") col = 0;
    else if (ch === "\n") (lines.push(""), col = 0);
    else if (ch === "\x1b") {
      // deno-lint-ignore no-control-regex -- terminal escape sequences are the point
      const seq = /^\x1b\[([0-9;?]*)([A-Za-z])/.exec(output.slice(i));
      if (!seq) {
        throw new Error(`unexpected escape at ${i}: ${JSON.stringify(output.slice(i, i + 8))}`);
      }
      if (seq[2] === "K" && seq[1] === "2") lines[row] = "";
      else throw new Error(`unexpected escape ${JSON.stringify(seq[0])}`);
      i += seq[0].length - 1;
    } else {
      const line = lines[row]!.padEnd(col, " ");
      lines[row] = line.slice(0, col) + ch + line.slice(col + 1);
      col++;
    }
  }
  return lines.at(-1) === "" ? lines.slice(0, -1) : lines;
}

/** Runs the CLI inside a pseudo-terminal; resolves with everything the terminal received. */
function inTerminal(args: string[]): Promise<{ code: number | null; output: string }> {
  const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  const command = [process.execPath, ...runtimeArgs(BIN), ...args].map(quote).join(" ");
  return new Promise((resolve, reject) => {
    // -q no banner, -e the command's exit code, -f flush at once, -c the command; no typescript file.
    const child = spawn("script", ["-qefc", command, "/dev/null"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1" },
    });
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("error", (e) => (clearTimeout(timer), reject(e)));
    child.on("close", (code) => (clearTimeout(timer), resolve({ code, output })));
  });
}

describe("mcpwire in a pseudo-terminal", { skip: requirement("script") }, () => {
  it("screen() keeps a line drawn over with \\r and erased with ESC[2K", () => {
    assert.deepEqual(screen("ab\r\x1b[2Kxy\r\nlog\r\n[bar]"), ["xy", "log", "[bar]"]);
    assert.deepEqual(screen("[bar] 50%log\r\n"), ["[bar] 50%log"]);
  });

  it("redraws the progress bar below each log line, ending with the result", async () => {
    const { code, output } = await inTerminal(["call", "demo", "slow_count", "to=4"]);
    assert.equal(code, 0, output);
    // The bar was drawn in place (a terminal), not one line per update.
    assert.ok(output.includes("\r\x1b[2K[####"), JSON.stringify(output.slice(0, 300)));
    assert.deepEqual(screen(output), [
      "[info] step 1 of 4",
      "[info] step 2 of 4",
      "[info] step 3 of 4",
      "[info] step 4 of 4",
      `[${"#".repeat(24)}] 100% counted 4`,
      "counted to 4",
    ]);
  });
});
