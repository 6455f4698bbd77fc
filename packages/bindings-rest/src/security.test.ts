import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inMemoryApp, post, problemOf } from "./_test_helpers.ts";

describe("security", () => {
  it("requires a bearer key on every route but /healthz and /readyz when keys are set", async () => {
    const { app } = inMemoryApp({ apiKeys: ["k1-secret", "k2-secret"] });
    try {
      assert.equal((await app.request("/healthz")).status, 200);
      assert.equal((await app.request("/readyz")).status, 200);
      for (
        const path of ["/v1/servers", "/v1/openapi.json", "/v1/docs", "/v1/servers/test/tools"]
      ) {
        const res = await app.request(path);
        assert.equal(res.status, 401, path);
        assert.match(res.headers.get("www-authenticate") ?? "", /^Bearer /);
        assert.equal((await problemOf(res)).code, "unauthorized");
      }
      const wrong = await app.request("/v1/servers", { headers: { authorization: "Bearer nope" } });
      assert.equal(wrong.status, 401);
      assert.match(wrong.headers.get("www-authenticate") ?? "", /invalid_token/);
      const ok = await app.request("/v1/servers", {
        headers: { authorization: "Bearer k2-secret" },
      });
      assert.equal(ok.status, 200);
      const basic = await app.request("/v1/docs", {
        headers: { authorization: `Basic ${btoa("any:k1-secret")}` },
      });
      assert.equal(basic.status, 200);
      const call = await post(app, "/v1/servers/test/tools/add", { a: 1, b: 2 }, {
        authorization: "Bearer k1-secret",
      });
      assert.equal(call.status, 200);
    } finally {
      await app.close();
    }
  });

  it("reads keys from MCPWIRE_API_KEYS", async () => {
    const env =
      (globalThis as { process?: { env: Record<string, string | undefined> } }).process!.env;
    const before = env.MCPWIRE_API_KEYS;
    env.MCPWIRE_API_KEYS = " from-env-key , other ";
    try {
      const { app } = inMemoryApp({ apiKeys: undefined });
      try {
        assert.equal((await app.request("/v1/servers")).status, 401);
        const ok = await app.request("/v1/servers", {
          headers: { authorization: "Bearer from-env-key" },
        });
        assert.equal(ok.status, 200);
      } finally {
        await app.close();
      }
    } finally {
      if (before === undefined) delete env.MCPWIRE_API_KEYS;
      else env.MCPWIRE_API_KEYS = before;
    }
  });

  it("refuses a foreign Host after a local one was accepted (the last accepted Host is remembered)", async () => {
    const { app } = inMemoryApp();
    try {
      const ok = { headers: { host: "127.0.0.1:8787" } };
      assert.equal((await app.request("/v1/servers", ok)).status, 200);
      assert.equal((await app.request("/v1/servers", ok)).status, 200);
      const host = await app.request("/v1/servers", { headers: { host: "evil.example:8787" } });
      assert.equal(host.status, 403);
      const origin = await app.request("/v1/servers", {
        headers: { host: "127.0.0.1:8787", origin: "https://evil.example" },
      });
      assert.equal(origin.status, 403);
      assert.equal((await problemOf(origin)).code, "forbidden_origin");
      assert.equal((await app.request("/v1/servers", ok)).status, 200);
    } finally {
      await app.close();
    }
  });

  it("refuses foreign Host and Origin headers on loopback (DNS rebinding)", async () => {
    const { app } = inMemoryApp();
    try {
      const host = await app.request("/v1/servers", { headers: { host: "evil.example:8787" } });
      assert.equal(host.status, 403);
      assert.equal((await problemOf(host)).code, "forbidden_host");
      const origin = await app.request("/v1/servers", {
        headers: { origin: "https://evil.example" },
      });
      assert.equal(origin.status, 403);
      assert.equal((await problemOf(origin)).code, "forbidden_origin");
      const local = await app.request("/v1/servers", {
        headers: { host: "127.0.0.1:8787", origin: "http://localhost:3000" },
      });
      assert.equal(local.status, 200);
    } finally {
      await app.close();
    }
  });

  it("accepts extra hosts and skips the check off loopback", async () => {
    const { app } = inMemoryApp({ allowedHosts: ["api.internal"] });
    const { app: open } = inMemoryApp({ hostname: "0.0.0.0", allowUnauthenticated: true });
    try {
      const res = await app.request("/v1/servers", { headers: { host: "api.internal" } });
      assert.equal(res.status, 200);
      const any = await open.request("/v1/servers", { headers: { host: "whatever.example" } });
      assert.equal(any.status, 200);
    } finally {
      await app.close();
      await open.close();
    }
  });

  it("sends no CORS headers unless configured, and never * with credentials", async () => {
    const { app } = inMemoryApp();
    const { app: withCors } = inMemoryApp({ cors: { origin: "http://localhost:5173" } });
    try {
      const res = await app.request("/v1/servers", {
        headers: { origin: "http://localhost:5173" },
      });
      assert.equal(res.headers.get("access-control-allow-origin"), null);
      const pre = await withCors.request("/v1/servers", {
        method: "OPTIONS",
        headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" },
      });
      assert.equal(pre.headers.get("access-control-allow-origin"), "http://localhost:5173");
      assert.throws(() => inMemoryApp({ cors: { origin: "*", credentials: true } }), TypeError);
    } finally {
      await app.close();
      await withCors.close();
    }
  });

  it("serves an offline docs page with a strict CSP and no external URL", async () => {
    const { app } = inMemoryApp();
    try {
      const res = await app.request("/v1/docs");
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-security-policy") ?? "", /default-src 'none'/);
      const html = await res.text();
      assert.doesNotMatch(html, /https?:\/\//);
      assert.match(html, /openapi\.json/);
    } finally {
      await app.close();
    }
  });

  it("never shows env or header values of a server's config", async () => {
    const { createRestApp } = await import("./app.ts");
    const app = createRestApp({
      mcpServers: {
        broken: {
          command: "/nonexistent/secret-cmd",
          env: { TOKEN: "super-secret-token" },
          headers: {},
        },
      },
    }, { apiKeys: [] });
    try {
      const text = await (await app.request("/v1/servers")).text();
      assert.doesNotMatch(text, /super-secret-token/);
      const { servers } = JSON.parse(text);
      assert.equal(servers[0].name, "broken");
      assert.equal(servers[0].transport, "stdio");
      assert.equal(servers[0].state, "failed");
    } finally {
      await app.close();
    }
  });
});
