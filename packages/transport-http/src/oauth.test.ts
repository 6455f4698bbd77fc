import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/client";
import { AuthError, FileTokenStorage, OAuth, StreamableHttpTransport } from "./mod.ts";
import { startOAuthServer } from "./_test_oauth_server.ts";

/** Plays the browser: follows the authorization redirect into the loopback callback. */
async function headless(url: URL): Promise<void> {
  const res = await fetch(url, { redirect: "manual" });
  await res.body?.cancel();
  const callback = await fetch(new URL(res.headers.get("location")!, url));
  await callback.body?.cancel();
}

async function listTools(url: URL, auth: OAuth) {
  const client = new Client({ name: "oauth-test", version: "1.0.0" });
  await client.connect(new StreamableHttpTransport(url, { auth }));
  try {
    return await client.listTools();
  } finally {
    await client.close();
  }
}

describe("OAuth", () => {
  it("authorizes with PKCE through the loopback callback, then reuses and refreshes stored tokens", async () => {
    await using server = await startOAuthServer();
    const dir = await mkdtemp(join(tmpdir(), "mcpwire-oauth-"));
    try {
      const opened: string[] = [];
      const oauth = new OAuth({
        tokenStorage: dir,
        openBrowser: (url) => {
          opened.push(url.pathname);
          assert.equal(url.searchParams.get("code_challenge_method"), "S256");
          return headless(url);
        },
      });
      assert.deepEqual((await listTools(server.url, oauth)).tools, []);
      assert.deepEqual(opened, ["/authorize"]);
      assert.equal(server.counts["/register"], 1);
      assert.equal(server.counts["grant:authorization_code"], 1);

      // Stored on disk, readable by the user only.
      const files = await readdir(dir);
      assert.equal(files.length, 1);
      if (process.platform !== "win32") {
        assert.equal((await stat(join(dir, files[0]!))).mode & 0o777, 0o600);
      }

      // A new process (new OAuth, same storage) connects without the browser.
      const again = new OAuth({
        tokenStorage: new FileTokenStorage(dir),
        openBrowser: () => assert.fail("the browser should not open again"),
      });
      await listTools(server.url, again);

      // An expired access token is refreshed on the 401 and the request retried.
      server.expireAccessToken();
      await listTools(server.url, again);
      assert.equal(server.counts["grant:refresh_token"], 1);
      assert.equal(server.counts["grant:authorization_code"], 1);
      assert.equal(server.counts["/register"], 1, "the stored registration is reused");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a refused authorization is an AuthError", async () => {
    await using server = await startOAuthServer();
    const oauth = new OAuth({
      tokenStorage: "memory",
      openBrowser: async (url) => {
        const back = new URL(url.searchParams.get("redirect_uri")!);
        back.searchParams.set("error", "access_denied");
        back.searchParams.set("state", url.searchParams.get("state")!);
        await (await fetch(back)).body?.cancel();
      },
    });
    const err = await listTools(server.url, oauth).catch((e) => e);
    assert.ok(err instanceof AuthError, String(err));
    assert.match(err.message, /access_denied/);
  });

  it("a callback port in use is an AuthError that says so", async () => {
    await using server = await startOAuthServer();
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    try {
      const port = (busy.address() as AddressInfo).port;
      const oauth = new OAuth({
        tokenStorage: "memory",
        callbackPort: port,
        openBrowser: headless,
      });
      const err = await listTools(server.url, oauth).catch((e) => e);
      assert.ok(err instanceof AuthError, String(err));
      assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${port} \\(EADDRINUSE\\)`));
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  it("hides its state when logged", () => {
    const oauth = new OAuth({
      clientId: "id",
      clientSecret: "very-secret",
      tokenStorage: "memory",
    });
    assert.equal(JSON.stringify({ oauth }), '{"oauth":"OAuth([redacted])"}');
    assert.throws(() => new OAuth({ clientSecret: "x" }), TypeError);
  });
});
