/**
 * Ending a server and everything it started: stdin closed, a grace period, SIGTERM to the whole
 * family, another grace period, SIGKILL.
 *
 * @module
 */
import type { ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { familyAlive, signalFamily, snapshotFamily } from "./_process.ts";

const POLL_MS = 20;
// After SIGKILL the exit is reported at once; this only bounds a runtime that never reports it.
const KILL_WAIT_MS = 2000;

/**
 * Stops `child` and everything it started, escalating after `graceMs` at each step.
 * Resolves when nothing of the family is left (or after the last SIGKILL).
 */
export async function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  const exited = exitOf(child);
  // Before stdin closes: a wrapper that exits on EOF re-parents its children.
  snapshotFamily(child);
  try {
    child.stdin?.end();
  } catch {
    // Already closed.
  }
  if (await within(exited, graceMs)) return endFamily(child, graceMs);
  snapshotFamily(child);
  signalFamily(child, "SIGTERM");
  if (await within(exited, graceMs)) return endFamily(child, graceMs);
  snapshotFamily(child);
  signalFamily(child, "SIGKILL");
  await within(exited, KILL_WAIT_MS);
  await endFamily(child, 0);
}

// The server has exited; what it left behind gets the same escalation.
async function endFamily(child: ChildProcess, graceMs: number): Promise<void> {
  if (!familyAlive(child)) return;
  signalFamily(child, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await sleep(POLL_MS);
    if (!familyAlive(child)) return;
  }
  signalFamily(child, "SIGKILL");
}

function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

async function within(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
