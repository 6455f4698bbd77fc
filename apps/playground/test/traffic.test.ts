// The traffic pane in a real Chromium: the JSON-RPC messages between the playground and the demo
// server as they went over the wire — the handshake, a tools/call request and its response with
// the same id, a notification — in order, filtered by server, direction and text, with raw JSON.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type OpenPlayground, openPlayground, WAIT } from "./_browser.ts";
import { requirement } from "@mcpwire/testing";

const skip = requirement("chromium");

describe("the traffic pane in Chromium", { skip }, () => {
  let open: OpenPlayground | undefined;

  before(async () => {
    open = await openPlayground({ demoOptions: { stepMs: 5 } }, { waitFor: "demo" });
  });

  after(async () => {
    await open?.close();
  });

  const rows = async () =>
    await open!.page.getByTestId("traffic-entry").evaluateAll((els) =>
      els.map((e) => ({
        server: e.getAttribute("data-server"),
        dir: e.getAttribute("data-dir"),
        kind: e.getAttribute("data-kind"),
        method: e.getAttribute("data-method"),
        id: e.getAttribute("data-id"),
      }))
    );

  it("shows the handshake, a tools/call with its response by id, and a notification", async () => {
    const page = open!.page;
    await page.getByTestId("tool-slow_count").click();
    await page.getByTestId("tool-form").locator('input[name="to"]').fill("2");
    await page.getByTestId("run-tool").click();
    await page.getByTestId("result").waitFor(WAIT);
    await page.getByTestId("tab-traffic").click();
    await page.locator("[data-testid=traffic-entry][data-method='tools/call'][data-kind=response]")
      .waitFor(WAIT);
    const demo = (await rows()).filter((r) => r.server === "demo");
    const at = (pred: (r: (typeof demo)[number]) => boolean) => demo.findIndex(pred);
    const init = at((r) => r.method === "initialize" && r.kind === "request");
    assert.ok(init >= 0, JSON.stringify(demo.slice(0, 5)));
    assert.equal(demo[init]!.dir, "out");
    const initAnswer = at((r) => r.kind === "response" && r.id === demo[init]!.id);
    assert.ok(initAnswer > init && demo[initAnswer]!.method === "initialize");
    assert.equal(demo[initAnswer]!.dir, "in");
    assert.ok(at((r) => r.method === "notifications/initialized") > initAnswer);
    const call = at((r) => r.method === "tools/call" && r.kind === "request");
    const answer = at((r) => r.method === "tools/call" && r.kind === "response");
    assert.ok(call > initAnswer && answer > call, JSON.stringify(demo));
    assert.equal(demo[answer]!.id, demo[call]!.id);
    const note = at((r) => r.method === "notifications/message" && r.kind === "notification");
    assert.ok(note > call && note < answer, JSON.stringify(demo));
    assert.equal(demo[note]!.id, null);
    assert.ok(demo.some((r) => r.method === "notifications/progress"));
    await open!.shoot("traffic-wire.png");
  });

  it("filters by server, direction and text, and shows a message's raw JSON", async () => {
    const page = open!.page;
    const entries = page.getByTestId("traffic-entry");
    await page.locator('select[name="traffic-server"]').selectOption("demo");
    await page.locator('select[name="traffic-dir"]').selectOption("in");
    assert.ok((await rows()).every((r) => r.server === "demo" && r.dir === "in"));
    await page.locator('input[name="traffic-filter"]').fill("tools/call");
    const shown = await rows();
    assert.ok(shown.length >= 1, "no tools/call response shown");
    assert.ok(shown.every((r) => r.method === "tools/call" && r.kind === "response"));
    await entries.first().locator("button").click();
    const raw = await entries.first().innerText();
    assert.match(raw, /"jsonrpc": "2.0"/);
    assert.match(raw, /"text": "counted to 2"/);
    await page.locator('select[name="traffic-dir"]').selectOption("out");
    await page.locator('input[name="traffic-filter"]').fill("slow_count");
    const out = await rows();
    assert.ok(out.length >= 1 && out.every((r) => r.dir === "out"), JSON.stringify(out));
    assert.ok(out.some((r) => r.method === "tools/call" && r.kind === "request"));
  });
});
