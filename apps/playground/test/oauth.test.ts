// OAuth in the page, in a real Chromium: a URL server that answers 401 is added from the
// connection panel with "OAuth" checked; the page shows a dialog whose link opens the
// authorization server in a new tab, which redirects back to the playground's own origin; the
// playground exchanges the code (transport-http's OAuth, tokens in memory) and connects. The
// loopback authorization server + protected MCP server is transport-http's test helper; a URL
// server added with a bearer token (the one the flow got) and a header connects too.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type OpenPlayground, openPlayground, WAIT } from "./_browser.ts";
import { eventually, requirement, waitFor } from "@mcpwire/testing";
import { codeExchanges } from "../src/_test_code_exchanges.ts";
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

  /** Adds `name` as an OAuth URL server (`auth`'s unless another is given); its dialog shows. */
  const addSecure = async (name: string, server: OAuthServer = auth!) => {
    const page = open!.page;
    // A form an earlier sign-in left open (it failed) closes first.
    if (await page.getByTestId("add-server-form").count() > 0) {
      await page.getByRole("button", { name: "cancel", exact: true }).click();
    }
    await page.getByTestId("add-server").click();
    const form = page.getByTestId("add-server-form");
    await form.locator('input[name="name"]').fill(name);
    await form.locator('select[name="kind"]').selectOption("url");
    await form.locator('input[name="url"]').fill(server.url.href);
    await form.getByTestId("server-oauth").check();
    await form.locator('button[type="submit"]').click();
    const dialog = page.getByTestId("oauth-dialog");
    await dialog.waitFor(WAIT);
    return dialog;
  };

  /** Clicks the dialog's Authorize link; resolves with the tab once it shows the callback. */
  const authorizeIn = async (page: OpenPlayground["page"]) => {
    const [tab] = await Promise.all([
      page.waitForEvent("popup", WAIT),
      page.getByTestId("oauth-authorize").click(),
    ]);
    await tab.getByTestId("oauth-callback").waitFor(WAIT);
    return tab;
  };

  it("runs the authorization-code flow through the page and connects", async () => {
    const page = open!.page;
    const dialog = await addSecure("secure");
    assert.match(await dialog.innerText(), new RegExp(`secure needs you to sign in`));
    assert.match(await dialog.innerText(), new RegExp(auth!.origin.replace(/\./g, "\\.")));
    await open!.shoot("oauth.png");
    const tab = await authorizeIn(page);
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

  /** Removes `name` from the playground (before its authorization server stops). */
  const remove = async (name: string) => {
    const status = await open!.page.evaluate(
      async (n) => (await fetch(`/playground/servers/${n}`, { method: "DELETE" })).status,
      name,
    );
    assert.equal(status, 204);
  };

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
    await (await authorizeIn(page)).close();
    await page.locator("[data-testid=server-cancelled][data-state=connected]").waitFor(WAIT);
    await page.getByTestId("reconnect-result").filter({ hasText: "reconnected" }).waitFor(WAIT);
  });

  it("after a refused code exchange, a sign-in from the other hostname redirects there", async () => {
    // An authorization server of its own: the shared one's tokens and the earlier servers' restarts
    // stay out of this test.
    await using own = await startOAuthServer();
    const page = open!.page;
    const exchanges = codeExchanges(own.origin, "refuse");
    try {
      await addSecure("refused", own);
      await (await authorizeIn(page)).close();
      await page.getByTestId("add-server-error").waitFor(WAIT);
      assert.ok(exchanges.state.seen > 0);
    } finally {
      exchanges.restore();
    }
    await page.getByRole("button", { name: "cancel", exact: true }).click();
    // The person reconnects from the same playground opened as localhost.
    const local = open!.server.url.replace("127.0.0.1", "localhost");
    const other = await open!.browser.newPage();
    try {
      other.setDefaultTimeout(WAIT.timeout);
      await other.goto(local, WAIT);
      await other.locator("[data-testid=connection][data-status=live]").waitFor(WAIT);
      await other.getByTestId("server-refused").click();
      await other.getByTestId("tab-server").click();
      await other.getByTestId("reconnect").click();
      const href = await other.getByTestId("oauth-authorize").getAttribute("href");
      const redirect = new URL(new URL(href!).searchParams.get("redirect_uri")!);
      assert.equal(redirect.origin, new URL(local).origin);
      const tab = await authorizeIn(other);
      assert.equal(new URL(tab.url()).origin, new URL(local).origin);
      await tab.close();
      await other.locator("[data-testid=server-refused][data-state=connected]").waitFor(WAIT);
    } finally {
      await other.close();
      await remove("refused");
    }
  });

  it("a reconnect while the code is being exchanged connects with its tokens: one dialog", async () => {
    await using own = await startOAuthServer();
    const page = open!.page;
    const exchanges = codeExchanges(own.origin, "hold");
    try {
      const dialog = await addSecure("held", own);
      await (await authorizeIn(page)).close();
      await waitFor(() => exchanges.state.seen > 0, "the code's exchange");
      await dialog.waitFor({ state: "detached", ...WAIT });
      await page.getByRole("button", { name: "cancel", exact: true }).click();
      await page.getByTestId("server-held").click();
      await page.getByTestId("tab-server").click();
      const unauthorized = exchanges.state.unauthorized;
      await page.getByTestId("reconnect").click();
      // Time for a reconnect that does not wait to be refused (401) and open a second dialog.
      await eventually(() => exchanges.state.unauthorized > unauthorized, 1_000);
      exchanges.release();
      await page.locator("[data-testid=server-held][data-state=connected]").waitFor(WAIT);
      assert.equal(await page.getByTestId("oauth-dialog").count(), 0);
      assert.equal(exchanges.state.unauthorized, unauthorized, "the reconnect signed in again");
      assert.equal(own.counts["grant:authorization_code"], 1, "one code exchanged");
    } finally {
      exchanges.release();
      exchanges.restore();
      await remove("held");
    }
  });
});
