// Forms in a real Chromium against server-everything (stdio): a required enum starts on a
// placeholder and blocks Run; the elicitation form of `trigger-elicitation-request` renders titled
// and legacy enums (single and multiple), checks formats and item counts, submits on Enter and is
// cancelled by Esc; form values are kept per tool.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { ARTIFACTS, EVERYTHING, type OpenPlayground, openPlayground, WAIT } from "./_browser.ts";
import { requirement } from "@mcpwire/testing";

const skip = requirement("chromium");

describe("playground forms in Chromium", { skip }, () => {
  let open: OpenPlayground | undefined;
  let page: Page;

  const openTool = async (serverName: string, tool: string) => {
    await page.getByTestId(`server-${serverName}`).click();
    await page.getByTestId("tab-tools").click();
    await page.getByTestId(`tool-${tool}`).click();
  };
  const options = (name: string) =>
    page.getByTestId("elicitation-dialog").locator(`select[name="${name}"] option`)
      .allInnerTexts();

  before(async () => {
    open = await openPlayground({
      config: { mcpServers: { everything: { command: "node", args: [EVERYTHING] } } },
    }, { waitFor: "everything", width: 1280, height: 900 });
    page = open.page;
  });

  after(async () => {
    await open?.close();
  });

  it("starts a required enum on a placeholder and blocks Run until one is chosen", async () => {
    await openTool("everything", "get-annotated-message");
    const select = page.getByTestId("tool-form").locator('select[name="messageType"]');
    assert.equal(await select.inputValue(), "");
    assert.equal((await select.locator("option").first().innerText()).trim(), "— choose —");
    assert.equal(
      await select.evaluate((s) => (s as HTMLSelectElement).validity.valueMissing),
      true,
    );
    assert.equal(
      await page.getByTestId("tool-form").evaluate((f) => (f as HTMLFormElement).checkValidity()),
      false,
    );
    await select.selectOption("success");
    await page.getByTestId("run-tool").click();
    await page.getByTestId("result").waitFor(WAIT);
    assert.match(await page.getByTestId("result").innerText(), /success/i);
  });

  it("renders the elicitation schema subset: titled, legacy and multiple enums, formats", async () => {
    await openTool("everything", "trigger-elicitation-request");
    await page.getByTestId("run-tool").click();
    const dialog = page.getByTestId("elicitation-dialog");
    await dialog.waitFor(WAIT);
    assert.deepEqual(await options("titledSingleSelectEnum"), [
      "—",
      "Superman",
      "Green Lantern",
      "Wonder Woman",
    ]);
    assert.equal(
      await dialog.locator('select[name="titledSingleSelectEnum"]').inputValue(),
      "hero-1",
    );
    assert.deepEqual((await options("legacyTitledEnum")).slice(1, 3), ["Cats", "Dogs"]);
    const fish = dialog.getByTestId("multi-titledMultipleSelectEnum");
    assert.deepEqual(
      (await fish.locator("label").allInnerTexts()).map((s) => s.trim()),
      ["Tuna", "Salmon", "Trout"],
    );
    assert.equal(await fish.getByLabel("Tuna").isChecked(), true);
    assert.equal(await dialog.locator('input[name="email"]').getAttribute("type"), "email");
    assert.equal(await dialog.locator('input[name="homepage"]').getAttribute("type"), "url");
    assert.equal(await dialog.locator('input[name="birthdate"]').getAttribute("type"), "date");

    const valid = () => dialog.evaluate((f) => (f as HTMLFormElement).checkValidity());
    await dialog.locator('input[name="name"]').fill("Ada");
    await dialog.locator('input[name="email"]').fill("not-an-email");
    assert.equal(await valid(), false, "a malformed email blocks Accept");
    await dialog.locator('input[name="email"]').fill("ada@example.com");
    await fish.getByLabel("Tuna").uncheck();
    assert.equal(await valid(), false, "minItems 1 blocks Accept");
    await fish.getByLabel("Salmon").check();
    await dialog.locator('input[name="birthdate"]').fill("1990-01-02");
    await dialog.locator('select[name="legacyTitledEnum"]').selectOption({ label: "Dogs" });
    assert.equal(await valid(), true);
    await page.screenshot({ path: `${ARTIFACTS}elicitation-everything.png` });
    await dialog.locator('input[name="name"]').press("Enter");
    await dialog.waitFor({ state: "detached", ...WAIT });
    await page.getByTestId("result").waitFor(WAIT);
    const text = await page.getByTestId("result").innerText();
    const raw = JSON.parse(text.slice(text.indexOf("{")));
    assert.equal(raw.action, "accept");
    assert.equal(raw.content.name, "Ada");
    assert.equal(raw.content.email, "ada@example.com");
    assert.equal(raw.content.birthdate, "1990-01-02");
    assert.equal(raw.content.titledSingleSelectEnum, "hero-1");
    assert.deepEqual(raw.content.titledMultipleSelectEnum, ["fish-2"]);
    assert.equal(raw.content.legacyTitledEnum, "pet-2");
  });

  it("cancels an elicitation with Esc", async () => {
    await page.getByTestId("run-tool").click();
    const dialog = page.getByTestId("elicitation-dialog");
    await dialog.waitFor(WAIT);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached", ...WAIT });
    await page.getByTestId("result").waitFor(WAIT);
    assert.match(await page.getByTestId("result").innerText(), /cancelled/);
  });

  it("keeps each tool's form values when switching tools and servers", async () => {
    await openTool("demo", "echo");
    await page.getByTestId("tool-form").locator('input[name="text"]').fill("kept");
    await page.getByTestId("tool-add").click();
    await page.getByTestId("tool-form").locator('input[name="a"]').fill("7");
    await openTool("everything", "get-annotated-message");
    assert.equal(
      await page.getByTestId("tool-form").locator('select[name="messageType"]').inputValue(),
      "success",
    );
    await openTool("demo", "echo");
    assert.equal(
      await page.getByTestId("tool-form").locator('input[name="text"]').inputValue(),
      "kept",
    );
    await page.getByTestId("tool-add").click();
    assert.equal(await page.getByTestId("tool-form").locator('input[name="a"]').inputValue(), "7");
  });
});
