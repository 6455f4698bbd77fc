// Test helper: Debian's Chromium driven by playwright-core (on Node, Deno and Bun alike), and the
// reason to skip browser tests when it is not installed.
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM = "/usr/bin/chromium";

/** Upper bound of each wait in the browser tests. */
export const WAIT = { timeout: 30_000 };

/** Why browser tests are skipped here, or `undefined` when Chromium is installed. */
export function skipReason(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `no Chromium at ${CHROMIUM} (Debian package 'chromium')`;
}

/** Launches headless Chromium; the caller closes it. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return await chromium.launch({
    executablePath: CHROMIUM,
    timeout: 60_000,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
