// The page's connection in a real Chromium: a crashed stdio server shown restarted, the playground
// process killed (the page says disconnected, Run says why it failed), started again on the same
// port (the page reconnects by itself), and stopped with a page open (it still exits).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { launchChromium, WAIT } from "./_browser.ts";
import { requirement, runtimeArgs } from "@mcpwire/testing";

const BIN = fileURLToPath(new URL("../src/bin.ts", import.meta.url));
const CRASHY = fileURLToPath(new URL("./fixtures/crashy-stdio.ts", import.meta.url));
const ARTIFACTS = fileURLToPath(new URL("../artifacts/", import.meta.url));

interface Playground {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** Starts `mcpwire playground` in its own process and waits for the URL it prints. */
async function startProcess(args: string[]): Promise<Playground> {
  const child = spawn(process.execPath, [...runtimeArgs(BIN), "playground", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 60 s: ${output}`)), 60_000);
    const read = (d: Buffer) => {
      output += d;
      const found = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (found) (clearTimeout(timer), resolve(found));
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.on("close", () => (clearTimeout(timer), reject(new Error(`exited: ${output}`))));
  });
  return { child, url, exited };
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return await Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const skip = requirement("chromium");

describe("playground connection in Chromium", { skip }, () => {
  let dir = "";
  let config = "";
  let running: Playground | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const server = (name: string, state: string) =>
    page.locator(`[data-testid=server-${name}][data-state=${state}]`);

  before(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    dir = await mkdtemp(join(tmpdir(), "mcpwire-connection-"));
    config = join(dir, "mcp.json");
    await writeFile(
      config,
      JSON.stringify({
        mcpServers: { flaky: { command: process.execPath, args: runtimeArgs(CRASHY) } },
      }),
    );
    running = await startProcess(["--port", "0", "--config", config]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(WAIT.timeout);
    await page.goto(running.url, WAIT);
    await page.locator("[data-testid=connection][data-status=live]").waitFor(WAIT);
  });

  after(async () => {
    try {
      await browser?.close();
    } finally {
      running?.child.kill("SIGKILL");
      await running?.exited;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("shows a crashed stdio server failing, restarted and connected again", async () => {
    await server("flaky", "connected").waitFor({ timeout: 60_000 });
    await page.getByTestId("server-flaky").click();
    await page.getByTestId("tab-tools").click();
    await page.getByTestId("tool-crash").click();
    await page.getByTestId("run-tool").click();
    await page.getByTestId("call-error").waitFor(WAIT).catch(async (e) => {
      console.log(await page.locator("body").innerText());
      throw e;
    });
    await page.locator("[data-testid=server-flaky][data-restarts='1'][data-state=connected]")
      .waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId("server-flaky").innerText(), /restarted 1×/);
    // The failed run stays on screen through the restart.
    assert.ok((await page.getByTestId("call-error").innerText()).length > 0);
  });

  it("says disconnected when the playground dies, and Run says why it failed", async () => {
    await page.getByTestId("server-demo").click();
    await page.getByTestId("tool-add").click();
    const form = page.getByTestId("tool-form");
    await form.locator('input[name="a"]').fill("2");
    await form.locator('input[name="b"]').fill("3");
    running!.child.kill("SIGKILL");
    await running!.exited;
    await page.locator("[data-testid=connection][data-status=disconnected]").waitFor(WAIT);
    await server("demo", "unknown").waitFor(WAIT);
    await page.getByTestId("disconnected-banner").waitFor(WAIT);
    await page.getByTestId("run-tool").click();
    assert.match(await page.getByTestId("call-error").innerText(), /not reachable/);
    assert.doesNotMatch(await page.getByTestId("call-error").innerText(), /Failed to fetch/);
    await page.screenshot({ path: `${ARTIFACTS}disconnected.png` });
  });

  it("reconnects by itself when the playground is back on its port, keeping the form", async () => {
    const port = new URL(running!.url).port;
    running = await startProcess(["--port", port, "--config", config]);
    await page.locator("[data-testid=connection][data-status=live]").waitFor({ timeout: 60_000 });
    await server("demo", "connected").waitFor(WAIT);
    await page.getByTestId("tool-add").click();
    assert.equal(await page.getByTestId("tool-form").locator('input[name="a"]').inputValue(), "2");
    await page.getByTestId("run-tool").click();
    await page.getByTestId("result").waitFor(WAIT);
    assert.equal((await page.getByTestId("result").locator("pre.text").innerText()).trim(), "5");
  });

  it("stops on SIGTERM even with a page open", async () => {
    running!.child.kill("SIGTERM");
    // Deno's child_process reports a null code for a child it signalled, even when the child
    // handled the signal and exited 0 itself (see cli.test.ts).
    const code = await within(running!.exited, 30_000, "no exit");
    assert.equal(code, "Deno" in globalThis ? null : 0);
    await page.locator("[data-testid=connection][data-status=disconnected]").waitFor(WAIT);
  });
});
