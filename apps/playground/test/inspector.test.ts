// The Inspector-grade panes in a real Chromium against server-everything (stdio): server info,
// capabilities and instructions, ping, log level; tool annotations, a result's raw JSON and its
// content annotations; resource links that open the resource; the traffic pane, filtered.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { EVERYTHING, type OpenPlayground, openPlayground, WAIT } from "./_browser.ts";
import { requirement, runtimeArgs } from "@mcpwire/testing";

const FIXTURE = fileURLToPath(new URL("./fixtures/demo-stdio.ts", import.meta.url));

const skip = requirement("chromium");

describe("playground inspector panes in Chromium", { skip }, () => {
  let open: OpenPlayground | undefined;
  let page: Page;

  const shoot = (name: string) => open!.shoot(name);
  const openTool = async (tool: string) => {
    await page.getByTestId("tab-tools").click();
    await page.getByTestId(`tool-${tool}`).click();
  };

  before(async () => {
    open = await openPlayground({
      demo: false,
      config: { mcpServers: { everything: { command: "node", args: [EVERYTHING] } } },
    }, { waitFor: "everything" });
    page = open.page;
  });

  after(async () => {
    await open?.close();
  });

  it("shows the server's info, capabilities and instructions; pings; sets the log level", async () => {
    await page.getByTestId("tab-server").click();
    assert.equal(await page.getByTestId("server-name").innerText(), "mcp-servers/everything");
    assert.match(await page.getByTestId("protocol-version").innerText(), /^\d{4}-\d{2}-\d{2}$/);
    const caps = JSON.parse(await page.getByTestId("capabilities").innerText());
    assert.ok(caps.tools && caps.resources && caps.prompts && caps.logging, JSON.stringify(caps));
    assert.ok((await page.getByTestId("instructions").innerText()).length > 20);
    await page.getByTestId("ping").click();
    await page.getByTestId("ping-result").filter({ hasText: /pong in \d+ ms/ }).waitFor(WAIT);
    await page.getByTestId("log-level").selectOption("debug");
    await page.getByTestId("log-level-result").filter({ hasText: /now sends debug/ })
      .waitFor(WAIT);
    await shoot("server-pane.png");
  });

  it("shows tool annotations, and a result's raw JSON with its content annotations", async () => {
    await openTool("get-annotated-message");
    const hints = await page.getByTestId("tool-annotations").innerText();
    assert.match(hints, /read-only/);
    assert.match(hints, /not destructive/);
    await page.getByTestId("tool-form").locator('select[name="messageType"]').selectOption("error");
    await page.getByTestId("run-tool").click();
    await page.getByTestId("result").waitFor(WAIT);
    assert.match(await page.getByTestId("content-annotations").first().innerText(), /priority/);
    await page.getByTestId("raw-json-toggle").check();
    const raw = await page.getByTestId("raw-json").innerText();
    assert.match(raw, /"method": "tools\/call"/);
    assert.match(raw, /"messageType": "error"/);
    assert.match(raw, /"annotations"/);
  });

  it("opens a resource link from a result in the Resources tab", async () => {
    await openTool("get-resource-links");
    await page.getByTestId("run-tool").click();
    await page.getByTestId("result").waitFor(WAIT);
    const link = page.getByTestId("resource-link").first();
    const uri = (await link.innerText()).split(" · ")[0]!.trim();
    assert.match(uri, /^demo:\/\/|^test:\/\/|:\/\//);
    await link.click();
    const contents = page.getByTestId("resource-contents");
    await contents.waitFor(WAIT);
    assert.match(
      await contents.innerText(),
      new RegExp(uri.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")),
    );
  });

  it("lists the traffic in order, pairs responses with requests, and filters it", async () => {
    await page.getByTestId("tab-traffic").click();
    const entries = page.getByTestId("traffic-entry");
    await page.locator("[data-testid=traffic-entry][data-method='logging/setLevel']").first()
      .waitFor(WAIT);
    const methods = await entries.evaluateAll((els) =>
      els.map((e) => `${e.getAttribute("data-method")} ${e.getAttribute("data-kind")}`)
    );
    const call = methods.indexOf("tools/call request");
    assert.ok(call >= 0, methods.join("\n"));
    assert.ok(methods.indexOf("tools/call response") > call);
    assert.ok(methods.includes("ping response"));
    assert.ok(methods.includes("resources/read response"));
    await page.locator('input[name="traffic-filter"]').fill("tools/call");
    const filtered = await entries.evaluateAll((els) =>
      els.map((e) => e.getAttribute("data-method"))
    );
    assert.ok(filtered.length >= 4 && filtered.every((m) => m === "tools/call"), `${filtered}`);
    await entries.first().locator("button").click();
    assert.match(await entries.first().innerText(), /"name": "get-annotated-message"/);
    await shoot("traffic.png");
  });

  it("adds a stdio server at runtime, reconnects it, and shows a failing one with its error", async () => {
    await page.getByTestId("add-server").click();
    const form = page.getByTestId("add-server-form");
    const args = runtimeArgs(FIXTURE, { outside: true });
    await form.locator('input[name="name"]').fill("extra");
    await form.locator('input[name="command"]').fill(process.execPath);
    await form.locator('input[name="args"]').fill(args.join(" "));
    await form.locator('button[type="submit"]').click();
    await page.locator("[data-testid=server-extra][data-state=connected]")
      .waitFor({ timeout: 60_000 });
    await page.getByTestId("tool-add").waitFor(WAIT);
    await page.getByTestId("tab-server").click();
    await page.getByTestId("reconnect").click();
    await page.getByTestId("reconnect-result").filter({ hasText: "reconnected" }).waitFor({
      timeout: 60_000,
    });
    await page.locator("[data-testid=server-extra][data-restarts='1'][data-state=connected]")
      .waitFor(WAIT);

    await page.getByTestId("add-server").click();
    await form.locator('input[name="name"]').fill("broken");
    await form.locator('input[name="command"]').fill("/nonexistent/mcp-server");
    await form.locator('button[type="submit"]').click();
    await page.getByTestId("add-server-error").waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId("add-server-error").innerText(), /nonexistent/);
    await page.locator("[data-testid=server-broken][data-state=failed]").waitFor(WAIT);
  });

  it("keeps each server's Server tab its own; offers roots edited there, which the server lists", async () => {
    // The Server tab shows one server's state only: "extra"'s ping result goes with it.
    await page.getByTestId("server-extra").click();
    await page.getByTestId("tab-server").click();
    await page.getByTestId("ping").click();
    await page.getByTestId("ping-result").filter({ hasText: /pong in \d+ ms/ }).waitFor(WAIT);
    await page.getByTestId("server-everything").click();
    await page.getByTestId("server-name").filter({ hasText: "mcp-servers/everything" }).waitFor(
      WAIT,
    );
    assert.equal(await page.getByTestId("ping-result").count(), 0);
    await page.getByTestId("add-root").click();
    await page.locator('input[name="root-uri-0"]').fill("file:///tmp/mcpwire-root");
    await page.locator('input[name="root-name-0"]').fill("scratch");
    await page.getByTestId("save-roots").click();
    await page.getByTestId("roots-result").filter({ hasText: /sent 1 root/ }).waitFor(WAIT);
    // The server fetches the new list on its own time and logs when it has it; asked earlier, its
    // tool would still answer the old list.
    await page.getByTestId("tab-traffic").click();
    await page.locator('input[name="traffic-filter"]').fill("roots updated: 1 root");
    await page.locator("[data-testid=traffic-entry][data-method='notifications/message']").first()
      .waitFor(WAIT);
    await openTool("get-roots-list");
    await page.getByTestId("run-tool").click();
    await page.getByTestId("result").waitFor(WAIT);
    const text = await page.getByTestId("result").innerText();
    assert.match(text, /file:\/\/\/tmp\/mcpwire-root/);
    assert.match(text, /scratch/);
  });
});
