/**
 * Starting, signalling and reaping server processes: the only module that knows about process
 * groups and platforms.
 *
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import process from "node:process";

const POSIX = process.platform !== "win32";

/** How to start a server process. */
export interface SpawnSpec {
  command: string;
  args: readonly string[];
  env: Record<string, string>;
  cwd?: string;
  /** Whether stderr is piped to the parent (otherwise ignored). */
  stderr: "pipe" | "ignore";
}

/** Starts a server in its own process group (POSIX), stdin and stdout piped. */
export function spawnServer(spec: SpawnSpec): ChildProcess {
  return spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ["pipe", "pipe", spec.stderr],
    // A group of its own lets close() reach grandchildren started by npx, uvx or shell wrappers.
    detached: POSIX,
    windowsHide: true,
  });
}

/** Sends `signal` to the server's whole process group; false when nothing was there. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
  const pid = child.pid;
  if (pid === undefined) return false;
  try {
    if (POSIX) process.kill(-pid, signal);
    else child.kill(signal);
    return true;
  } catch {
    return false;
  }
}

/** Whether any live (non-zombie) process remains in the server's process group. */
export function groupAlive(child: ChildProcess): boolean {
  const pid = child.pid;
  if (pid === undefined) return false;
  if (!POSIX) return child.exitCode === null && child.signalCode === null;
  try {
    process.kill(-pid, 0);
  } catch {
    return false;
  }
  return process.platform === "linux" ? linuxGroupHasLiveMember(pid) : true;
}

// Orphans reparented to a PID 1 that is slow to reap stay as zombies in the group for a while;
// they count as gone.
function linuxGroupHasLiveMember(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return true;
  }
  for (const entry of entries) {
    const c = entry.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "latin1");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid && fields[0] !== "Z" && fields[0] !== "X") return true;
    } catch {
      // The process ended while we looked.
    }
  }
  return false;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Tracks a running server so that it is signalled if the caller exits without closing it.
 * One process-wide `exit` listener serves every server.
 */
export function track(child: ChildProcess): () => void {
  live.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => {
      for (const c of live) signalGroup(c, "SIGTERM");
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
