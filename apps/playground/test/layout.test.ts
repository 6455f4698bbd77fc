// Layout in a real Chromium with server-everything's long tool list: the page never scrolls as a
// whole, the list scrolls on its own and a tool picked at its bottom shows its form in view; at
// 800 px the form keeps most of the width. Screenshots at 1400 and 800 px go to artifacts/ (and,
// with MCPWIRE_UPDATE_SCREENSHOT=1, to docs/screenshots/, which the README links). The page
// follows the system's dark theme.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { EVERYTHING, type OpenPlayground, openPlayground, WAIT } from "./_browser.ts";
import { requirement } from "@mcpwire/testing";

const skip = requirement("chromium");

describe("playground layout in Chromium", { skip }, () => {
  let open: OpenPlayground | undefined;
  let page: Page;
  const shoot = (_: Page, name: string) => open!.shoot(name);

  before(async () => {
    open = await openPlayground({
      config: { mcpServers: { everything: { command: "node", args: [EVERYTHING] } } },
    }, { waitFor: "everything", width: 1400, height: 800 });
    page = open.page;
  });

  after(async () => {
    await open?.close();
  });

  it("scrolls the tool list on its own and keeps a form picked at its bottom in view (1400 px)", async () => {
    await page.getByTestId("server-everything").click();
    await page.getByTestId("tab-tools").click();
    const list = page.getByTestId("tool-list");
    await list.locator("[data-testid^=tool-]").nth(10).waitFor(WAIT);
    const [scrollHeight, clientHeight] = await list.evaluate((el) => [
      el.scrollHeight,
      el.clientHeight,
    ]);
    assert.ok(scrollHeight > clientHeight, "the list is longer than the window");
    await list.locator("[data-testid^=tool-]").last().click();
    assert.ok(await list.evaluate((el) => el.scrollTop > 0), "the list scrolled, not the page");
    const page_ = await page.evaluate(() => ({
      scrollY,
      overflow: document.documentElement.scrollHeight - innerHeight,
    }));
    assert.deepEqual(page_, { scrollY: 0, overflow: 0 });
    const form = await page.getByTestId("tool-form").boundingBox();
    assert.ok(form && form.y >= 0 && form.y < 400, `the form is in view: ${JSON.stringify(form)}`);
    await shoot(page, "playground-1400.png");
  });

  it("keeps the form wide at 800 px", async () => {
    await page.setViewportSize({ width: 800, height: 800 });
    const form = await page.getByTestId("tool-form").boundingBox();
    assert.ok(form && form.width >= 450, `the form is ${form?.width} px wide`);
    assert.ok(form.y < 500, `the form starts in view: ${form.y}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.equal(overflow, 0, "no horizontal scrolling");
    await shoot(page, "playground-800.png");
  });

  it("follows the system's dark theme: dark panels, light text, dark form fields", async () => {
    await page.setViewportSize({ width: 1400, height: 800 });
    const luminance = (selector: string, property: "color" | "backgroundColor") =>
      page.locator(selector).first().evaluate((el, p) => {
        const [r, g, b] = getComputedStyle(el)[p].match(/\d+/g)!.map(Number);
        return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
      }, property);
    assert.ok(await luminance("html", "backgroundColor") > 0.9, "light by default");
    await page.emulateMedia({ colorScheme: "dark" });
    try {
      assert.ok(await luminance("html", "backgroundColor") < 0.15, "dark page");
      assert.ok(await luminance("html", "color") > 0.8, "light text");
      const field = "[data-testid=tool-form] input, [data-testid=tool-form] textarea";
      assert.ok(await luminance(field, "backgroundColor") < 0.2, "dark form fields");
      await shoot(page, "dark.png");
    } finally {
      await page.emulateMedia({ colorScheme: "light" });
    }
  });
});
