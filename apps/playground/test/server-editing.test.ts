// The connection panel in a real Chromium: a config file's servers added by path, a server edited
// (renamed, its environment changed) and removed, the list, the selection and the Traffic tab
// following each change.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { type OpenPlayground, openPlayground, WAIT } from "./_browser.ts";
import { requirement, runtimeArgs } from "@mcpwire/testing";

const FIXTURE = fileURLToPath(new URL("./fixtures/demo-stdio.ts", import.meta.url));

const skip = requirement("chromium");

describe("connection panel in Chromium", { skip }, () => {
  let dir = "";
  let open: OpenPlayground | undefined;
  const server = (name: string) => open!.page.getByTestId(`server-${name}`);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "mcpwire-editing-"));
    // tsx resolved from here: the server starts in the playground's working directory.
    const args = runtimeArgs(FIXTURE, { outside: true });
    await writeFile(
      join(dir, "mcp.json"),
      JSON.stringify({ mcpServers: { fromfile: { command: process.execPath, args } } }),
    );
    open = await openPlayground({ demoOptions: { stepMs: 5 } }, { waitFor: "demo" });
  });

  after(async () => {
    try {
      await open?.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("adds the servers of a config file given by path", async () => {
    const page = open!.page;
    await page.getByTestId("add-server").click();
    const form = page.getByTestId("add-server-form");
    await form.locator('select[name="kind"]').selectOption("file");
    await form.locator('input[name="path"]').fill(join(dir, "mcp.json"));
    await form.locator('button[type="submit"]').click();
    await page.locator("[data-testid=server-fromfile][data-state=connected]")
      .waitFor({ timeout: 60_000 });
    await form.waitFor({ state: "detached" });
    await page.getByTestId("tool-add").waitFor(WAIT);
  });

  it("edits a server: renamed with a new environment, selected under its new name", async () => {
    const page = open!.page;
    await server("fromfile").click();
    await page.getByTestId("tab-server").click();
    await page.getByTestId("edit-server").click();
    const form = page.getByTestId("edit-server-form");
    assert.equal(await form.locator('input[name="command"]').inputValue(), process.execPath);
    await form.locator('input[name="name"]').fill("edited");
    await form.locator('textarea[name="env"]').fill("GREETING=hola");
    await open!.shoot("connection-panel.png");
    await form.locator('button[type="submit"]').click();
    await page.locator("[data-testid=server-edited][data-state=connected]")
      .waitFor({ timeout: 60_000 });
    await server("fromfile").waitFor({ state: "detached" });
    await page.locator("[data-testid=server-edited].active").waitFor(WAIT);
    await page.getByTestId("export-server").click();
    const exported = JSON.parse(await page.getByTestId("server-entry").innerText());
    assert.deepEqual(exported.mcpServers.edited.env, { GREETING: "hola" });
    assert.equal(exported.mcpServers.edited.command, process.execPath);
    await page.getByTestId("edit-server").click();
    assert.equal(await form.locator('textarea[name="env"]').inputValue(), "GREETING=hola");
    await form.locator("button", { hasText: "cancel" }).click();
  });

  it("removes a server after a confirmation; the demo server is selected", async () => {
    const page = open!.page;
    const trafficServers = async () => {
      await page.getByTestId("tab-traffic").click();
      const names = await page.locator('select[name="traffic-server"] option').allInnerTexts();
      await page.getByTestId("tab-server").click();
      return names.slice(1).sort();
    };
    assert.deepEqual(await trafficServers(), ["demo", "edited"]);
    await page.getByTestId("remove-server").click();
    await page.getByTestId("confirm-remove").click();
    await server("edited").waitFor({ state: "detached" });
    await page.locator("[data-testid=server-demo].active").waitFor(WAIT);
    const { servers } = await (await fetch(`${open!.server.url}/v1/servers`)).json();
    assert.deepEqual(servers.map((s: { name: string }) => s.name), ["demo"]);
    // Its traffic went with it: the Traffic tab lists the demo server only.
    assert.deepEqual(await trafficServers(), ["demo"]);
    await page.getByTestId("tab-server").click();
    // The demo server is built in: it can be removed but not edited.
    await page.getByTestId("server-connection").filter({ hasText: "built in" }).waitFor(WAIT);
  });
});
