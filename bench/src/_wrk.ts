// `wrk` for the REST benchmarks (rest.ts, rest-binding.ts): Debian's package, a separate C process,
// so the load generator does not eat the JavaScript runtime's CPU. One thread, keep-alive
// connections, POSTing a JSON body from a Lua script.
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";

/** The wrk binary: $WRK, or `wrk` from the PATH. */
export const WRK: string = process.env.WRK ?? "wrk";

/** The numbers of one wrk run, as wrk printed them. */
export interface WrkOutput {
  /** Requests completed, whatever their status. */
  requests: number;
  /** How long the run took, in seconds. */
  seconds: number;
  /** Answers with a status other than 2xx or 3xx. */
  non2xx: number;
  /** Socket errors: connect + read + write + timeout. */
  socketErrors: number;
  /** Latency percentiles in ms (with `--latency` only). */
  p50?: number;
  p99?: number;
}

/** `wrk`'s version line without its copyright, or undefined when it cannot run. */
export function wrkVersion(): string | undefined {
  try {
    const run = spawnSync(WRK, ["--version"], { encoding: "utf8" });
    const line = `${run.stdout ?? ""}${run.stderr ?? ""}`.split("\n")[0]?.trim();
    return run.error || !line?.startsWith("wrk") ? undefined : line.replace(/ Copyright.*$/, "");
  } catch {
    return undefined;
  }
}

const MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

/** Reads the numbers out of wrk's text output; throws when it has no "N requests in X" line. */
export function parseWrk(text: string): WrkOutput {
  const took = /(\d+) requests in ([\d.]+)(us|ms|s|m)/.exec(text);
  if (!took) throw new Error(`cannot read wrk's output:\n${text}`);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const percentile = (label: string) => {
    const m = new RegExp(`^\\s*${label}\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m").exec(text);
    return m ? Number(m[1]) * MS[m[2]!]! : undefined;
  };
  return {
    requests: Number(took[1]),
    seconds: Number(took[2]) * MS[took[3]!]! / 1000,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0),
    socketErrors: socket ? socket.slice(1).reduce((n, x) => n + Number(x), 0) : 0,
    p50: percentile("50%"),
    p99: percentile("99%"),
  };
}

/** One wrk run: `connections` connections for `seconds` (whole) seconds, `--latency` if asked. */
export interface WrkRun {
  script: string;
  url: string;
  connections: number;
  seconds: number;
  latency?: boolean;
}

/** Runs wrk with one thread against `url`; resolves with its parsed output, rejects if it fails. */
export function runWrk({ script, url, connections, seconds, latency }: WrkRun): Promise<WrkOutput> {
  const args = ["-t1", `-c${connections}`, `-d${seconds}s`, ...(latency ? ["--latency"] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(WRK, [...args, "-s", script, url], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout!.setEncoding("utf8").on("data", (t: string) => (out += t));
    child.stderr!.setEncoding("utf8").on("data", (t: string) => (out += t));
    child.once("error", reject);
    child.once("close", (code) => {
      if (code !== 0) return reject(new Error(`wrk exited with ${code}:\n${out}`));
      try {
        resolve(parseWrk(out));
      } catch (err) {
        reject(err);
      }
    });
  });
}

/** Writes `dir/<name>.lua`, a wrk script POSTing `body` as JSON; returns its path. */
export function writePostScript(dir: string, name: string, body: string): string {
  const path = join(dir, `${name}.lua`);
  writeFileSync(
    path,
    `wrk.method = "POST"\nwrk.body = '${body}'\nwrk.headers["Content-Type"] = "application/json"\n`,
  );
  return path;
}

/**
 * POSTs `body` to `url` once, outside the timed runs; throws unless it answers 200 and, when `ok`
 * is given, `ok` accepts the JSON it answered.
 */
export async function checkPost(
  url: string,
  body: string,
  ok?: (answer: unknown) => boolean,
): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const text = await res.text();
  if (res.status !== 200 || (ok && !ok(JSON.parse(text)))) {
    throw new Error(`${url} answered ${res.status} ${text}`);
  }
}
