// Tasks in a real Chromium against server-everything (stdio): `simulate-research-query`
// (taskSupport "required") run as a task with its live status and result, another cancelled, both
// listed in the Tasks tab.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { EVERYTHING, type OpenPlayground, openPlayground, WAIT } from "./_browser.ts";
import { requirement } from "@mcpwire/testing";

const skip = requirement("chromium");

describe("tasks in Chromium", { skip }, () => {
  let open: OpenPlayground | undefined;

  before(async () => {
    open = await openPlayground({
      demo: false,
      config: { mcpServers: { everything: { command: "node", args: [EVERYTHING] } } },
    }, { waitFor: "everything" });
  });

  after(async () => {
    await open?.close();
  });

  const runResearch = async (topic: string) => {
    const page = open!.page;
    await page.getByTestId("tab-tools").click();
    await page.getByTestId("tool-simulate-research-query").click();
    const asTask = page.getByTestId("run-as-task");
    assert.equal(await asTask.isChecked(), true);
    assert.equal(await asTask.isDisabled(), true);
    await page.getByTestId("tool-form").locator('input[name="topic"]').fill(topic);
    await page.getByTestId("run-tool").click();
    await page.getByTestId("task").waitFor(WAIT);
  };

  it("runs a required-task tool as a task: live status, then the result", async () => {
    const page = open!.page;
    await runResearch("tides");
    await page.locator("[data-testid=task-status][data-status=working]").waitFor(WAIT);
    await page.getByTestId("task-message").filter({ hasText: /\.\.\./ }).waitFor(WAIT);
    await page.locator("[data-testid=task-status][data-status=completed]")
      .waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId("result").innerText(), /Research Report: tides/);
    assert.equal(await page.getByTestId("cancel-task").count(), 0);
    await open!.shoot("tasks.png");
  });

  it("cancels a running task", async () => {
    const page = open!.page;
    await runResearch("never mind");
    await page.locator("[data-testid=task-status][data-status=working]").waitFor(WAIT);
    await page.getByTestId("cancel-task").click();
    await page.locator("[data-testid=task-status][data-status=cancelled]").waitFor(WAIT);
    await page.getByTestId("call-error").waitFor(WAIT);
    assert.equal(await page.getByTestId("result").count(), 0);
  });

  it("lists both tasks in the Tasks tab, newest first", async () => {
    const page = open!.page;
    await page.getByTestId("tab-tasks").click();
    const rows = page.getByTestId("task-row");
    await rows.nth(1).waitFor(WAIT);
    assert.deepEqual(
      await rows.locator("[data-testid=task-status]").evaluateAll((els) =>
        els.map((e) => e.getAttribute("data-status"))
      ),
      ["cancelled", "completed"],
    );
  });
});

describe("the demo server's task that asks a question, in Chromium", { skip }, () => {
  let open: OpenPlayground | undefined;

  before(async () => {
    open = await openPlayground({ demoOptions: { stepMs: 50 } }, { waitFor: "demo" });
  });

  after(async () => {
    await open?.close();
  });

  it("book_table goes input_required, its dialog is answered, the task completes", async () => {
    const page = open!.page;
    await page.getByTestId("tab-tools").click();
    await page.getByTestId("tool-book_table").click();
    assert.equal(await page.getByTestId("run-as-task").isChecked(), true);
    await page.getByTestId("tool-form").locator('input[name="restaurant"]').fill("Chez Ada");
    await page.getByTestId("run-tool").click();
    await page.getByTestId("task").waitFor(WAIT);
    await page.locator("[data-testid=task-status][data-status=input_required]").waitFor(WAIT);
    const dialog = page.getByTestId("elicitation-dialog");
    await dialog.waitFor(WAIT);
    assert.match(await dialog.innerText(), /Chez Ada has tables at 19:00/);
    // The dialog takes the keyboard: its first field has the focus.
    await page.waitForFunction(() => document.activeElement?.getAttribute("name") === "time");
    await dialog.locator('select[name="time"]').selectOption("20:00");
    await dialog.locator('input[name="guests"]').fill("4");
    await open!.shoot("task-input-required.png");
    await page.getByTestId("elicit-accept").click();
    await dialog.waitFor({ state: "detached", ...WAIT });
    await page.locator("[data-testid=task-status][data-status=completed]").waitFor(WAIT);
    assert.equal(
      (await page.getByTestId("result").innerText()).trim(),
      "Booked a table for 4 at 20:00 at Chez Ada.",
    );
  });

  it("research runs as an optional task when the box is checked", async () => {
    const page = open!.page;
    await page.getByTestId("tool-research").click();
    const asTask = page.getByTestId("run-as-task");
    assert.equal(await asTask.isDisabled(), false);
    await asTask.check();
    await page.getByTestId("tool-form").locator('input[name="steps"]').fill("2");
    await page.getByTestId("run-tool").click();
    await page.locator("[data-testid=task-status][data-status=completed]").waitFor(WAIT);
    assert.match(await page.getByTestId("result").innerText(), /Report on MCP tasks: 2 sources/);
  });
});
