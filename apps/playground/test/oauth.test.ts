// OAuth in the page, in a real Chromium: a URL server that answers 401 is added from the
// connection panel with "OAuth" checked; the page shows a dialog whose link opens the
// authorization server in a new tab, which redirects back to the playground's own origin; the
// playground exchanges the code (transport-http's OAuth, tokens in memory) and connects. The
// loopback authorization server + protected MCP server is transport-http's test helper; a URL
// server added with a bearer token (the one the flow got) and a header connects too.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type OpenPlayground, openPlayground, WAIT } from "./_browser.ts";
import { requirement } from "@mcpwire/testing";
import {
  type OAuthServer,
  startOAuthServer,
} from "../../../packages/transport-http/src/_test_oauth_server.ts";

const skip = requirement("chromium");

describe("OAuth in the page, in Chromium", { skip }, () => {
  let open: OpenPlayground | undefined;
  let auth: OAuthServer | undefined;

  before(async () => {
    auth = await startOAuthServer();
    open = await openPlayground({ demoOptions: { stepMs: 5 } }, { waitFor: "demo" });
  });

  after(async () => {
    await open?.close();
    await auth?.close();
  });

  const addSecure = async (name: string) => {
    const page = open!.page;
    await page.getByTestId("add-server").click();
    const form = page.getByTestId("add-server-form");
    await form.locator('input[name="name"]').fill(name);
    await form.locator('select[name="kind"]').selectOption("url");
    await form.locator('input[name="url"]').fill(auth!.url.href);
    await form.getByTestId("server-oauth").check();
    await form.locator('button[type="submit"]').click();
    const dialog = page.getByTestId("oauth-dialog");
    await dialog.waitFor(WAIT);
    return dialog;
  };

  it("runs the authorization-code flow through the page and connects", async () => {
    const page = open!.page;
    const dialog = await addSecure("secure");
    assert.match(await dialog.innerText(), new RegExp(`secure needs you to sign in`));
    assert.match(await dialog.innerText(), new RegExp(auth!.origin.replace(/\./g, "\\.")));
    await open!.shoot("oauth.png");
    const [tab] = await Promise.all([
      page.waitForEvent("popup", WAIT),
      page.getByTestId("oauth-authorize").click(),
    ]);
    await tab.getByTestId("oauth-callback").waitFor(WAIT);
    assert.ok(tab.url().startsWith(`${open!.server.url.replace(/\/$/, "")}/playground/oauth/`));
    assert.match(await tab.getByTestId("oauth-callback").innerText(), /^Authorized/);
    await tab.close();
    await dialog.waitFor({ state: "detached", ...WAIT });
    await page.locator("[data-testid=server-secure][data-state=connected]").waitFor(WAIT);
    assert.equal(auth!.counts["grant:authorization_code"], 1);
    // The tokens stay in the playground process: the page's copy of the entry has none.
    const entry = await page.evaluate(async () =>
      await (await fetch("/playground/servers/secure")).text()
    );
    assert.match(entry, /"auth":"oauth"/);
    assert.doesNotMatch(entry, /access-|refresh-/);
  });

  it("adds a URL server with a bearer token and headers from the form", async () => {
    // The helper accepts the access token it issued last: the flow above issued `access-1`.
    const page = open!.page;
    const add = async (name: string, bearer: string) => {
      await page.getByTestId("add-server").click();
      const form = page.getByTestId("add-server-form");
      await form.locator('input[name="name"]').fill(name);
      await form.locator('select[name="kind"]').selectOption("url");
      await form.locator('input[name="url"]').fill(auth!.url.href);
      await form.locator('input[name="bearer"]').fill(bearer);
      await form.locator('textarea[name="headers"]').fill("X-Playground-Test: yes");
      await form.locator('button[type="submit"]').click();
    };
    await add("wrong-token", "not-a-token");
    await page.locator("[data-testid=server-wrong-token][data-state=failed]").waitFor(WAIT);
    await page.getByRole("button", { name: "cancel" }).click();
    await add("bearer", "access-1");
    await page.locator("[data-testid=server-bearer][data-state=connected]").waitFor(WAIT);
    const entry = await page.evaluate(async () =>
      await (await fetch("/playground/servers/bearer")).json()
    );
    assert.deepEqual(entry.entry.headers, {
      "X-Playground-Test": "yes",
      Authorization: "Bearer access-1",
    });
  });

  it("cancelling the dialog fails the server with the reason; reconnect asks again", async () => {
    const page = open!.page;
    await addSecure("cancelled");
    await page.getByTestId("oauth-cancel").click();
    await page.getByTestId("add-server-error").waitFor(WAIT);
    assert.match(await page.getByTestId("add-server-error").innerText(), /cancelled in the page/);
    await page.locator("[data-testid=server-cancelled][data-state=failed]").waitFor(WAIT);
    // The restart back-off tries again without a new dialog: the server says what to do.
    await page.getByTestId("server-cancelled").filter({ hasText: /press reconnect/ }).waitFor(WAIT);
    assert.equal(await page.getByTestId("oauth-dialog").count(), 0);
    // Asked again, it shows the dialog once more and signs in.
    await page.getByTestId("server-cancelled").click();
    await page.getByTestId("tab-server").click();
    await page.getByTestId("reconnect").click();
    const [tab] = await Promise.all([
      page.waitForEvent("popup", WAIT),
      page.getByTestId("oauth-authorize").click(),
    ]);
    await tab.getByTestId("oauth-callback").waitFor(WAIT);
    await tab.close();
    await page.locator("[data-testid=server-cancelled][data-state=connected]").waitFor(WAIT);
    await page.getByTestId("reconnect-result").filter({ hasText: "reconnected" }).waitFor(WAIT);
  });
});
