// The playground in a real Chromium (Debian's, driven by playwright-core): the add form, progress
// of slow_count, an elicitation dialog, and a PNG resource. Screenshots go to artifacts/; with
// MCPWIRE_UPDATE_SCREENSHOT=1 the README's docs/playground.png is retaken too.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { ARTIFACTS, type OpenPlayground, openPlayground, WAIT } from "./_browser.ts";
import { requirement } from "@mcpwire/testing";

const README_SHOT = fileURLToPath(new URL("../docs/playground.png", import.meta.url));

const skip = requirement("chromium");

describe("playground in Chromium", { skip }, () => {
  let open: OpenPlayground | undefined;
  let page: Page;

  before(async () => {
    open = await openPlayground({ demoOptions: { stepMs: 150 } }, {
      waitFor: "demo",
      width: 1280,
      height: 800,
    });
    page = open.page;
  });

  after(async () => {
    await open?.close();
  });

  it("fills the add form and shows the structured result", async () => {
    await page.getByTestId("tab-tools").click();
    await page.getByTestId("tool-add").click();
    const form = page.getByTestId("tool-form");
    await form.locator('input[name="a"]').fill("2");
    await form.locator('input[name="b"]').fill("3");
    await page.getByTestId("run-tool").click();
    const result = page.getByTestId("result");
    await result.waitFor(WAIT);
    assert.equal((await result.locator("pre.text").innerText()).trim(), "5");
    const structured = await page.getByTestId("structured").locator("pre").innerText();
    assert.deepEqual(JSON.parse(structured), { sum: 5 });
    await page.screenshot({ path: `${ARTIFACTS}add.png` });
  });

  it("runs slow_count and shows progress reaching 100% and the log", async () => {
    await page.getByTestId("tool-slow_count").click();
    await page.getByTestId("tool-form").locator('input[name="to"]').fill("4");
    await page.getByTestId("run-tool").click();
    await page.getByTestId("progress").waitFor(WAIT);
    await page.getByTestId("result").waitFor(WAIT);
    assert.equal(await page.getByTestId("progress").getAttribute("data-percent"), "100");
    assert.match(await page.getByTestId("call-log").innerText(), /step 4 of 4/);
    await page.screenshot({ path: `${ARTIFACTS}slow-count.png` });
    if (process.env.MCPWIRE_UPDATE_SCREENSHOT === "1") {
      await page.screenshot({ path: README_SHOT });
    }
  });

  it("keeps a call with a short timeout alive while it reports progress", async () => {
    // Ten steps 150 ms apart take at least 1.5 s, past the 1 s timeout unless progress restarts it.
    await page.getByTestId("tool-slow_count").click();
    await page.getByTestId("tool-form").locator('input[name="to"]').fill("10");
    await page.getByTestId("call-timeout").fill("1000");
    await page.getByTestId("run-tool").click();
    await page.getByTestId("result").waitFor(WAIT);
    assert.equal(await page.getByTestId("call-error").count(), 0);
    assert.match(await page.getByTestId("result").innerText(), /counted to 10/);
    await page.getByTestId("call-timeout").fill("");
  });

  it("ends a call at its maximum timeout though progress restarts its timeout", async () => {
    // Ten steps 150 ms apart take at least 1.5 s: the 1 s timeout is restarted by each progress
    // notification, the 600 ms maximum is not.
    await page.getByTestId("tool-slow_count").click();
    await page.getByTestId("tool-form").locator('input[name="to"]').fill("10");
    await page.getByTestId("call-timeout").fill("1000");
    await page.getByTestId("call-max-timeout").fill("600");
    await page.getByTestId("run-tool").click();
    await page.getByTestId("call-error").waitFor(WAIT);
    assert.match(await page.getByTestId("call-error").innerText(), /timed out after 600 ms/);
    assert.equal(await page.getByTestId("result").count(), 0);
    await page.getByTestId("call-timeout").fill("");
    await page.getByTestId("call-max-timeout").fill("");
  });

  it("answers an elicitation dialog", async () => {
    await page.getByTestId("tool-ask_name").click();
    await page.getByTestId("run-tool").click();
    const dialog = page.getByTestId("elicitation-dialog");
    await dialog.waitFor(WAIT);
    await dialog.locator('input[name="name"]').fill("Ada");
    await page.screenshot({ path: `${ARTIFACTS}elicitation.png` });
    await page.getByTestId("elicit-accept").click();
    await dialog.waitFor({ state: "detached", ...WAIT });
    await page.getByTestId("result").waitFor(WAIT);
    assert.equal((await page.getByTestId("result").innerText()).trim(), "Hello, Ada!");
    // Its TypeScript snippet answers the elicitation the way it was answered here, and reaches
    // the demo server through the CLI (test/snippets.test.ts runs such snippets).
    await page.getByTestId("timing").getByTestId("copy-ts").click();
    const snippet = await page.getByTestId("timing").getByTestId("snippet").innerText();
    assert.match(snippet, /elicitationHandler/);
    assert.match(snippet, /"name": "Ada"/);
    assert.match(snippet, /mcpwire\.mjs",\s*"demo-server"/);
    assert.doesNotMatch(snippet, /@mcpwire\/playground/);
  });

  it("answers a sampling dialog, then finds the call in the history with copy as curl", async () => {
    await page.getByTestId("tool-summarize").click();
    await page.getByTestId("tool-form").locator('input[name="text"]').fill("a long text");
    await page.getByTestId("run-tool").click();
    const dialog = page.getByTestId("sampling-dialog");
    await dialog.waitFor(WAIT);
    assert.match(await dialog.innerText(), /Summarize:\s+a long text/);
    assert.equal(
      await dialog.getByTestId("sampling-preferences").innerText(),
      "Asks for: hints claude · intelligence 0.8 · max 200 tokens",
    );
    await dialog.locator('textarea[name="reply"]').fill("short");
    await dialog.locator('input[name="model"]').fill("ada-1");
    await dialog.getByText("Send reply").click();
    await page.getByTestId("result").waitFor(WAIT);
    assert.equal(
      (await page.getByTestId("result").innerText()).trim(),
      "Summary (ada-1): short",
    );
    await page.getByTestId("tab-history").click();
    const first = page.getByTestId("history").locator("li").first();
    assert.match(await first.innerText(), /demo \/ summarize/);
    await first.getByTestId("copy-curl").click();
    assert.equal(
      await first.getByTestId("snippet").innerText(),
      `curl -X POST '${open!.server.url}/v1/servers/demo/tools/summarize' \\\n` +
        `  -H 'content-type: application/json' \\\n  -d '{"text":"a long text"}'`,
    );
  });

  it("re-runs a call from the history", async () => {
    await page.getByTestId("tab-history").click();
    const entry = page.getByTestId("history").locator("li", { hasText: "demo / add" });
    await entry.getByTestId("rerun").click();
    await page.getByTestId("result").waitFor(WAIT);
    assert.equal(await page.getByTestId("tool-form").locator('input[name="a"]').inputValue(), "2");
    assert.equal((await page.getByTestId("result").locator("pre.text").innerText()).trim(), "5");
    await page.getByTestId("tab-history").click();
    assert.equal(
      await page.getByTestId("history").locator("li", { hasText: "demo / add" }).count(),
      2,
    );
  });

  it("reads the PNG resource and renders it", async () => {
    await page.getByTestId("tab-resources").click();
    await page.getByTestId("resource-demo://image.png").click();
    const image = page.getByTestId("resource-image");
    await image.waitFor(WAIT);
    await page.waitForFunction(
      () => (document.querySelector("[data-testid=resource-image]") as HTMLImageElement)?.complete,
      undefined,
      WAIT,
    );
    const width = await image.evaluate((img) => (img as HTMLImageElement).naturalWidth);
    assert.equal(width, 64);
    await page.screenshot({ path: `${ARTIFACTS}resource-image.png` });
  });
});
