// A server process of the REST benchmarks (a binding or a ceiling, rest.ts and rest-binding.ts):
// spawned on the current runtime, ready once it prints `listening on <url>` on stderr.
import { type ChildProcess, spawn } from "node:child_process";
import process from "node:process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A started server process: the URL it printed (no trailing `/`) and the process. */
export interface Served {
  url: string;
  child: ChildProcess;
}

/**
 * Runs `process.execPath` with `argv` (whose script is `file`) from the repository's root, with
 * API keys off, and resolves once it prints `listening on <url>`; rejects with its stderr if it
 * exits first.
 */
export async function spawnServed(file: string, argv: string[]): Promise<Served> {
  const child = spawn(process.execPath, argv, {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, MCPWIRE_API_KEYS: "" },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let text = "";
    child.stderr!.on("data", (chunk) => {
      text += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(text);
      if (match) resolve(match[1]!.replace(/\/$/, ""));
    });
    child.once("exit", (code) => reject(new Error(`${file} exited with ${code}: ${text}`)));
  });
  return { url, child };
}
