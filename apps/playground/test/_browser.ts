// Test helper: Debian's Chromium driven by playwright-core (on Node, Deno and Bun alike), and a
// playground opened in it. Browser test files skip when Chromium is missing with
// `requirement("chromium")` from @mcpwire/testing (a failure under MCPWIRE_REQUIRE, as in CI).
import { copyFile, mkdir } from "node:fs/promises";
import process from "node:process";
import { fileURLToPath } from "node:url";
import type { RunningServer } from "@mcpwire/bindings-rest";
import type { Browser, Page } from "playwright-core";
import { startPlayground, type StartPlaygroundOptions } from "../src/playground.ts";
import { CHROMIUM, PEERS } from "@mcpwire/testing";

/** Upper bound of each wait in the browser tests. */
export const WAIT = { timeout: 30_000 };

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

/** server-everything's entry point (a dev dependency), for configs: `node EVERYTHING`. */
export const EVERYTHING: string = PEERS.everything;
/** Where the browser tests' screenshots go (gitignored). */
export const ARTIFACTS: string = fileURLToPath(new URL("../artifacts/", import.meta.url));
const DOCS = fileURLToPath(new URL("../docs/screenshots/", import.meta.url));

/** A playground served in this process with a Chromium page open on it. */
export interface OpenPlayground {
  server: RunningServer;
  browser: Browser;
  page: Page;
  /** Screenshots the page to artifacts/ (and docs/screenshots/ with MCPWIRE_UPDATE_SCREENSHOT=1). */
  shoot(name: string): Promise<void>;
  /** Closes the browser, then the playground. */
  close(): Promise<void>;
}

/**
 * Starts a playground on a free port, opens it in Chromium and waits until the page is live and
 * `waitFor` (a server name) is connected.
 */
export async function openPlayground(
  options: StartPlaygroundOptions,
  { waitFor, width = 1400, height = 900 }: { waitFor?: string; width?: number; height?: number } =
    {},
): Promise<OpenPlayground> {
  await mkdir(ARTIFACTS, { recursive: true });
  const server = await startPlayground({ port: 0, ...options });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width, height } });
    page.setDefaultTimeout(WAIT.timeout);
    await page.goto(server.url, WAIT);
    await page.locator("[data-testid=connection][data-status=live]").waitFor(WAIT);
    if (waitFor) {
      await page.locator(`[data-testid=server-${waitFor}][data-state=connected]`)
        .waitFor({ timeout: 60_000 });
    }
    const shoot = async (name: string) => {
      await page.screenshot({ path: `${ARTIFACTS}${name}` });
      if (process.env.MCPWIRE_UPDATE_SCREENSHOT === "1") {
        await mkdir(DOCS, { recursive: true });
        await copyFile(`${ARTIFACTS}${name}`, `${DOCS}${name}`);
      }
    };
    const b = browser;
    const close = async () => {
      try {
        await b.close();
      } finally {
        await server.close();
      }
    };
    return { server, browser, page, shoot, close };
  } catch (error) {
    await browser?.close().catch(() => {});
    await server.close();
    throw error;
  }
}
