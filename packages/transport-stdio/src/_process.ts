/**
 * Starting, signalling and reaping server processes: the only module that knows about process
 * groups, process trees and platforms.
 *
 * A server's "family" is the server and every process it started. On Linux it is found by walking
 * `/proc` (the server stays in the caller's session: a session of its own would put it in its own
 * scheduler autogroup, which doubles round-trip latency on a busy machine); on other POSIX systems
 * the server leads its own process group; on Windows only the server itself is signalled.
 *
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import process from "node:process";

type Strategy = "tree" | "group" | "single";
const STRATEGY: Strategy = process.platform === "linux"
  ? "tree"
  : process.platform === "win32"
  ? "single"
  : "group";

/** How to start a server process. */
export interface SpawnSpec {
  command: string;
  args: readonly string[];
  env: Record<string, string>;
  cwd?: string;
}

/** Starts a server with stdin, stdout and stderr piped. */
export function spawnServer(spec: SpawnSpec): ChildProcess {
  return spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ["pipe", "pipe", "pipe"],
    detached: STRATEGY === "group",
    windowsHide: true,
  });
}

// Descendants seen so far (pid → start time), so that they can still be reached after the
// wrapper between them and the server has exited and they were re-parented.
const descendants = new WeakMap<ChildProcess, Map<number, string>>();

/** Records the server's current descendants (Linux); a no-op elsewhere. */
export function snapshotFamily(child: ChildProcess): void {
  if (STRATEGY !== "tree" || child.pid === undefined) return;
  const known = descendants.get(child) ?? new Map<number, string>();
  descendants.set(child, known);
  const parents = [child.pid, ...known.keys()];
  for (let i = 0; i < parents.length; i++) {
    for (const pid of childrenOf(parents[i]!)) {
      if (known.has(pid)) continue;
      const start = procStat(pid)?.start;
      if (start === undefined) continue;
      known.set(pid, start);
      parents.push(pid);
    }
  }
}

/** Sends `signal` to the server's family. */
export function signalFamily(child: ChildProcess, signal: NodeJS.Signals): void {
  const pid = child.pid;
  if (pid === undefined) return;
  if (STRATEGY === "group") return void tryKill(-pid, signal);
  if (child.exitCode === null && child.signalCode === null) tryKill(pid, signal);
  for (const [descendant] of liveDescendants(child)) tryKill(descendant, signal);
}

/** Whether any live (non-zombie) process of the server's family remains. */
export function familyAlive(child: ChildProcess): boolean {
  const pid = child.pid;
  if (pid === undefined) return false;
  const leaderAlive = child.exitCode === null && child.signalCode === null;
  if (STRATEGY === "single") return leaderAlive;
  if (STRATEGY === "tree") return leaderAlive || liveDescendants(child).length > 0;
  if (!tryKill(-pid, 0)) return false;
  return true;
}

function liveDescendants(child: ChildProcess): [number, string][] {
  const known = descendants.get(child);
  if (!known) return [];
  return [...known].filter(([pid, start]) => procStat(pid)?.start === start);
}

function tryKill(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

// The direct children of a process, from /proc/<pid>/task/<tid>/children.
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tasks) {
    try {
      for (const part of readFileSync(`/proc/${pid}/task/${tid}/children`, "latin1").split(" ")) {
        if (part) out.push(Number(part));
      }
    } catch {
      // The thread ended, or the kernel has no children files.
    }
  }
  return out;
}

// A live (non-zombie) process's start time; undefined when it is gone. Zombies count as gone: a
// slow PID 1 may leave re-parented orphans unreaped for a while.
function procStat(pid: number): { start: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z" || fields[0] === "X") return undefined;
    return { start: fields[19] ?? "" };
  } catch {
    return undefined;
  }
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Tracks a running server so that its family is signalled if the caller exits without closing
 * it. One process-wide `exit` listener serves every server.
 */
export function track(child: ChildProcess): () => void {
  live.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => {
      for (const c of live) {
        snapshotFamily(c);
        signalFamily(c, "SIGTERM");
      }
    });
  }
  return () => live.delete(child);
}

/** Lets the caller's event loop exit while the server is idle (or keeps it alive again). */
export function setHoldsCaller(child: ChildProcess, holds: boolean): void {
  const method = holds ? "ref" : "unref";
  for (const handle of [child, child.stdin, child.stdout, child.stderr]) {
    const h = handle as { ref?: () => void; unref?: () => void } | null;
    h?.[method]?.();
  }
}
