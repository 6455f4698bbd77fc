// A server process of the REST benchmarks (a binding or a ceiling, rest.ts and rest-binding.ts):
// spawned on the current runtime, ready once it prints `listening on <url>` on stderr.
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
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

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`; 100 on Linux). */
const CLOCK_TICKS = 100;

/**
 * CPU time (µs) used so far by process `pid` and, separately, by its children (the MCP servers it
 * started), from /proc (Linux; undefined elsewhere).
 */
export function cpuOf(pid: number | undefined): { own: number; children: number } | undefined {
  if (pid === undefined) return undefined;
  try {
    const ticks = (p: number | string) => {
      const fields = readFileSync(`/proc/${p}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
      return (Number(fields[11]) + Number(fields[12])) * 1e6 / CLOCK_TICKS;
    };
    const kids = readdirSync(`/proc/${pid}/task`).flatMap((t) =>
      readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").split(" ").filter(Boolean)
    );
    return { own: ticks(pid), children: kids.reduce((n, k) => n + ticks(k), 0) };
  } catch {
    return undefined;
  }
}
