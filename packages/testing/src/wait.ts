/** Polling with a deadline, for tests that wait on another process or a socket. */

const POLL_MS = 20;

/**
 * Polls `check` every 20 ms until it holds; throws after `ms` naming `what`.
 *
 * @example
 * ```ts ignore
 * await waitFor(() => child.exitCode !== null, "the server exited", 5_000);
 * ```
 */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 10_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Polls `check` every 20 ms until it holds or `ms` passed; resolves with whether it held (for
 * tests that assert on the answer themselves).
 */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  ms = 5_000,
): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return await check();
}
