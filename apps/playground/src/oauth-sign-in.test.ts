// OAuth sign-ins through the playground's routes, in memory (no browser): the authorization
// server is transport-http's loopback test server, whose /authorize redirects at once; the test
// plays the page (the event stream, the dialog's answer, the callback on the playground).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { waitFor } from "@mcpwire/testing";
import { createPlayground, type Playground } from "./playground.ts";
import { OAuthCallbacks, PlaygroundOAuth } from "./_oauth.ts";
import { signInOf } from "./_servers.ts";
import { Hub } from "./_hub.ts";
import { codeExchanges } from "./_test_code_exchanges.ts";
import { events, type SseReader } from "./_test_sse.ts";
import {
  type OAuthServer,
  startOAuthServer,
} from "../../../packages/transport-http/src/_test_oauth_server.ts";

const IP = "http://127.0.0.1:5173";
const NAME = "http://localhost:5173";

type Dialog = { id: string; kind: string; server: string; url: string };

const request = (p: Playground, origin: string, method: string, path: string, body?: unknown) =>
  p.fetch(
    new Request(origin + path, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );

/** A page on `origin`: its event stream. */
async function page(p: Playground, origin: string): Promise<SseReader> {
  const stream = events(await request(p, origin, "GET", "/playground/events"));
  await stream.next("hello");
  return stream;
}

const dialogOf = (stream: SseReader, server: string) =>
  stream.next(
    "request",
    20_000,
    (d) => (d as Dialog).kind === "oauth" && (d as Dialog).server === server,
  ) as Promise<Dialog>;

/** The person authorizes: the authorization server redirects to the callback, on the playground. */
async function authorize(p: Playground, dialog: Dialog): Promise<URL> {
  const redirect = await fetch(dialog.url, { redirect: "manual" });
  await redirect.body?.cancel();
  const back = new URL(redirect.headers.get("location")!);
  const callback = await p.fetch(new Request(back));
  assert.equal(callback.status, 200, await callback.clone().text());
  await callback.body?.cancel();
  return back;
}

/** A promise and its resolve function. */
function promised<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Holds `oauth`'s next auth run at its first step (`discoveryState()`): `started` resolves when
 * the run reaches it, `release()` lets it go on.
 */
function holdNextRun(oauth: PlaygroundOAuth): { started: Promise<void>; release: () => void } {
  const started = promised();
  const released = promised();
  oauth.discoveryState = () => {
    delete (oauth as Partial<PlaygroundOAuth>).discoveryState; // the later runs are not held
    started.resolve();
    return released.promise.then(() => PlaygroundOAuth.prototype.discoveryState.call(oauth));
  };
  return { started: started.promise, release: () => released.resolve() };
}

/** Whether `promise` is still pending after the tasks queued now have run. */
async function stillPending(promise: Promise<unknown>): Promise<boolean> {
  const turn = new Promise<"pending">((r) => setTimeout(() => r("pending"), 0));
  return await Promise.race([promise.then(() => "settled", () => "settled"), turn]) === "pending";
}

describe("OAuth sign-ins in the playground", () => {
  let auth: OAuthServer;

  before(async () => {
    auth = await startOAuthServer();
  });

  after(async () => {
    await auth.close();
  });

  it("redirects to the origin of the page that added the server, whatever pages open meanwhile", async () => {
    await using p = createPlayground({ demo: false });
    const first = await page(p, IP); // the pages' first origin is 127.0.0.1
    try {
      const added = request(p, NAME, "POST", "/playground/servers", {
        name: "secure",
        entry: { url: auth.url.href, auth: "oauth" },
      });
      const dialog = await dialogOf(first, "secure");
      const redirectUri = new URL(new URL(dialog.url).searchParams.get("redirect_uri")!);
      assert.equal(redirectUri.origin, NAME);
      // Another page opens on the other origin while the person signs in.
      await (await request(p, IP, "GET", "/")).body?.cancel();
      const other = await page(p, IP);
      await other.close();
      const back = await authorize(p, dialog);
      assert.equal(back.origin, NAME);
      const response = await added;
      assert.equal(response.status, 201, await response.clone().text());
      assert.equal((await response.json()).state, "connected");
    } finally {
      await first.close();
    }
  });

  it("keeps a config server's redirect on the pages' first origin until its code is exchanged", async () => {
    await using p = createPlayground({
      demo: false,
      config: { mcpServers: { secure: { url: auth.url.href, auth: "oauth" } } },
    });
    const first = await page(p, NAME);
    try {
      const dialog = await dialogOf(first, "secure");
      assert.equal(new URL(new URL(dialog.url).searchParams.get("redirect_uri")!).origin, NAME);
      // The last request now comes from the other origin: the exchange still uses the first.
      const other = await page(p, IP);
      await (await request(p, IP, "GET", "/")).body?.cancel();
      await authorize(p, dialog);
      const upstream = p.upstreams.get("secure");
      await waitFor(() => upstream.state !== "connecting", "the sign-in ended", 20_000);
      assert.equal(upstream.state, "connected", upstream.lastError?.message);
      await other.close();
    } finally {
      await first.close();
    }
  });

  it("exchanges a code with its sign-in's redirect when a reconnect from another origin comes first", async () => {
    await using p = createPlayground({ demo: false });
    const stream = await page(p, NAME);
    try {
      const added = request(p, NAME, "POST", "/playground/servers", {
        name: "secure",
        entry: { url: auth.url.href, auth: "oauth" },
      });
      const dialog = await dialogOf(stream, "secure");
      const signIn = signInOf(p.upstreams.get("secure"))!;
      // The code comes back; its exchange waits while a page on the other origin reconnects.
      const exchange = holdNextRun(signIn);
      const asked = promised();
      signIn.askedFrom = (origin) => {
        PlaygroundOAuth.prototype.askedFrom.call(signIn, origin);
        asked.resolve();
      };
      const exchanged = auth.tokenRequests.length;
      await authorize(p, dialog);
      await exchange.started;
      const reconnected = request(p, IP, "POST", "/playground/servers/secure/reconnect");
      await asked.promise;
      exchange.release();
      await waitFor(() => auth.tokenRequests.length > exchanged, "the code's exchange", 20_000);
      const form = auth.tokenRequests[exchanged]!;
      assert.equal(form.get("grant_type"), "authorization_code");
      assert.equal(new URL(form.get("redirect_uri")!).origin, NAME);
      // The reconnect waited for that exchange: it connects with its tokens, no second sign-in.
      const response = await reconnected;
      assert.equal(response.status, 200, await response.clone().text());
      assert.equal((await response.json()).state, "connected");
      await (await added).body?.cancel();
    } finally {
      await stream.close();
    }
  });

  it("redirects a sign-in asked for from another origin after a refused code exchange there", async () => {
    await using p = createPlayground({ demo: false });
    const stream = await page(p, IP);
    const exchanges = codeExchanges(auth.origin, "refuse");
    try {
      const added = request(p, IP, "POST", "/playground/servers", {
        name: "secure",
        entry: { url: auth.url.href, auth: "oauth" },
      });
      await authorize(p, await dialogOf(stream, "secure"));
      await exchanges.seen;
      assert.equal((await added).status, 502);
      exchanges.restore();
      // The person tries again from a page on the other hostname: the sign-in goes back there.
      const reconnected = request(p, NAME, "POST", "/playground/servers/secure/reconnect");
      const dialog = await dialogOf(stream, "secure");
      const redirectUri = new URL(new URL(dialog.url).searchParams.get("redirect_uri")!);
      assert.equal(redirectUri.origin, NAME);
      assert.equal((await authorize(p, dialog)).origin, NAME);
      const response = await reconnected;
      assert.equal(response.status, 200, await response.clone().text());
    } finally {
      exchanges.restore();
      await stream.close();
    }
  });

  it("a reconnect while a code is being exchanged waits for its tokens: no second dialog", async () => {
    await using p = createPlayground({ demo: false });
    const stream = await page(p, IP);
    const exchanges = codeExchanges(auth.origin, "hold");
    const grants = auth.counts["grant:authorization_code"] ?? 0;
    try {
      const added = request(p, IP, "POST", "/playground/servers", {
        name: "secure",
        entry: { url: auth.url.href, auth: "oauth" },
      });
      await authorize(p, await dialogOf(stream, "secure"));
      await exchanges.seen; // the code's token request is under way, and held
      const signIn = signInOf(p.upstreams.get("secure"))!;
      const waits = promised();
      signIn.tokens = () => {
        const tokens = PlaygroundOAuth.prototype.tokens.call(signIn);
        stillPending(tokens).then((pending) => pending && waits.resolve());
        return tokens;
      };
      const reconnected = request(p, IP, "POST", "/playground/servers/secure/reconnect");
      const first = await Promise.race([
        waits.promise.then(() => "the reconnect waits for the exchange"),
        dialogOf(stream, "secure").then(() => "a second sign-in dialog"),
      ]);
      assert.equal(first, "the reconnect waits for the exchange");
      exchanges.release();
      const response = await reconnected;
      assert.equal(response.status, 200, await response.clone().text());
      assert.equal(auth.counts["grant:authorization_code"], grants + 1, "one code exchanged");
      await (await added).body?.cancel();
    } finally {
      exchanges.release();
      exchanges.restore();
      await stream.close();
    }
  });

  it("opens one dialog per sign-in asked for: none from the back-off after a cancel", async () => {
    await using p = createPlayground({ demo: false });
    const stream = await page(p, IP);
    let dialogs = 0;
    const watcher = await page(p, IP);
    const counting = (async () => {
      for (;;) {
        await watcher.next("request", 60_000, (d) => (d as Dialog).kind === "oauth");
        dialogs++;
      }
    })().catch(() => {});
    try {
      const added = request(p, IP, "POST", "/playground/servers", {
        name: "secure",
        entry: { url: auth.url.href, auth: "oauth" },
      });
      const first = await dialogOf(stream, "secure");
      const cancelled = await request(p, IP, "POST", `/playground/requests/${first.id}`, {
        action: "cancel",
      });
      assert.equal(cancelled.status, 204);
      const response = await added;
      assert.equal(response.status, 502);
      assert.match((await response.json()).lastError.message, /cancelled in the page/);
      // The back-off tries again (the server answers 401 again), but no dialog opens: the
      // server fails with the reason and what to do.
      const upstream = p.upstreams.get("secure");
      const tried = auth.counts["/mcp"] ?? 0;
      await waitFor(
        () => dialogs > 1 || ((auth.counts["/mcp"] ?? 0) > tried && upstream.state === "failed"),
        "the back-off's retry ended",
        20_000,
      );
      assert.equal(dialogs, 1, "the back-off reopened the sign-in dialog");
      assert.match(
        upstream.lastError?.message ?? "",
        /not signed in: authorization cancelled in the page; press reconnect/,
      );
      // Asked again (reconnect), it shows one dialog, and signs in.
      const reconnected = request(p, IP, "POST", "/playground/servers/secure/reconnect");
      const second = await dialogOf(stream, "secure");
      await authorize(p, second);
      assert.equal((await reconnected).status, 200);
      assert.equal(upstream.state, "connected");
      assert.equal(dialogs, 2);
    } finally {
      await stream.close();
      await watcher.close();
      await counting;
    }
  });

  it("closes the sign-in dialog of a server removed meanwhile", async () => {
    await using p = createPlayground({ demo: false });
    const stream = await page(p, IP);
    try {
      const added = request(p, IP, "POST", "/playground/servers", {
        name: "secure",
        entry: { url: auth.url.href, auth: "oauth" },
      });
      const dialog = await dialogOf(stream, "secure");
      const removed = await request(p, IP, "DELETE", "/playground/servers/secure");
      assert.equal(removed.status, 204);
      assert.deepEqual(await stream.next("request-done"), { id: dialog.id });
      assert.equal((await added).status, 502);
    } finally {
      await stream.close();
    }
  });
});

describe("PlaygroundOAuth", () => {
  it("prepare() opens no loopback port: the callback is the playground's own route", async () => {
    const http = await import("node:http");
    const net = await import("node:net");
    const listens: unknown[] = [];
    const patched = [http.Server.prototype, net.Server.prototype].map((proto) => {
      const listen = proto.listen;
      proto.listen = function (this: unknown, ...args: unknown[]) {
        listens.push(args[0]);
        return (listen as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof listen;
      return () => (proto.listen = listen);
    });
    try {
      const oauth = new PlaygroundOAuth(() => "secure", new Hub(), new OAuthCallbacks());
      await oauth.prepare(new URL("http://127.0.0.1:9/mcp"));
      assert.deepEqual(listens, []);
      assert.equal(oauth.redirectUrl, "http://127.0.0.1/playground/oauth/callback");
    } finally {
      for (const restore of patched) restore();
    }
  });
});
