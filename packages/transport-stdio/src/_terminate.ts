/**
 * Ending a server and everything it started: stdin closed, a grace period, SIGTERM to the process
 * group, another grace period, SIGKILL.
 *
 * @module
 */
import type { ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { groupAlive, signalGroup } from "./_process.ts";

const POLL_MS = 20;
// After SIGKILL the exit is reported at once; this only bounds a runtime that never reports it.
const KILL_WAIT_MS = 2000;

/**
 * Stops `child` and the rest of its process group, escalating after `graceMs` at each step.
 * Resolves when nothing of the group is left (or after the last SIGKILL).
 */
export async function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  const exited = exitOf(child);
  try {
    child.stdin?.end();
  } catch {
    // Already closed.
  }
  if (await within(exited, graceMs)) return endGroup(child, graceMs);
  signalGroup(child, "SIGTERM");
  if (await within(exited, graceMs)) return endGroup(child, graceMs);
  signalGroup(child, "SIGKILL");
  await within(exited, KILL_WAIT_MS);
  await endGroup(child, 0);
}

// The leader has exited; grandchildren it left behind in the group get the same escalation.
async function endGroup(child: ChildProcess, graceMs: number): Promise<void> {
  if (!groupAlive(child)) return;
  signalGroup(child, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await sleep(POLL_MS);
    if (!groupAlive(child)) return;
  }
  signalGroup(child, "SIGKILL");
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
