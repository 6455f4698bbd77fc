import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  BearerAuth,
  createUrlTransport,
  isSseUrl,
  SseTransport,
  StreamableHttpTransport,
} from "./mod.ts";

describe("createUrlTransport()", () => {
  it("isSseUrl() follows FastMCP: an `sse` path segment at the end or before a slash", () => {
    for (
      const url of [
        "http://h/sse",
        "http://h/sse/",
        "http://h/a/sse?x=1",
        "https://h:8080/v1/sse",
        "http://h/sse/messages",
      ]
    ) {
      assert.equal(isSseUrl(new URL(url)), true, url);
    }
    for (const url of ["http://h/mcp", "http://h/ssex", "http://h/x-sse", "http://h/?p=/sse"]) {
      assert.equal(isSseUrl(new URL(url)), false, url);
    }
  });

  it("builds SseTransport for /sse and StreamableHttpTransport otherwise", () => {
    assert.ok(createUrlTransport(new URL("http://127.0.0.1:1/sse"), {}) instanceof SseTransport);
    assert.ok(
      createUrlTransport(new URL("http://127.0.0.1:1/mcp"), {}) instanceof StreamableHttpTransport,
    );
  });

  it("ignores options of other packages and rejects bad values of its own", () => {
    const url = new URL("http://127.0.0.1:1/mcp");
    assert.doesNotThrow(() => createUrlTransport(url, { env: {}, keepAlive: true, name: "x" }));
    assert.throws(() => createUrlTransport(url, { timeout: -1 }), RangeError);
    assert.throws(() => createUrlTransport(url, { auth: 42 }), TypeError);
    assert.throws(() => createUrlTransport(url, { fetch: "no" }), TypeError);
    assert.throws(() => new StreamableHttpTransport("ftp://h/mcp"), TypeError);
  });
});

describe("BearerAuth", () => {
  it("returns its token and hides it from JSON", async () => {
    const auth = new BearerAuth("tok-123");
    assert.equal(await auth.token(), "tok-123");
    assert.equal(JSON.stringify({ auth }), '{"auth":"BearerAuth([redacted])"}');
    assert.equal(await new BearerAuth(() => "rotated").token(), "rotated");
    assert.throws(() => new BearerAuth(""), TypeError);
  });
});
