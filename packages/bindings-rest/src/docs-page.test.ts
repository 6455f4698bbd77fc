import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inMemoryApp } from "./_test_helpers.ts";

/** Just enough DOM for the docs page's script: elements with children and text. */
class FakeElement {
  tag: string;
  children: (FakeElement | string)[] = [];
  textContent = "";
  className = "";
  value = "";
  rows = 0;
  onclick: (() => Promise<void>) | undefined;
  constructor(tag: string) {
    this.tag = tag;
  }
  append(...nodes: (FakeElement | string)[]): void {
    this.children.push(...nodes);
  }
  text(): string {
    return this.textContent +
      this.children.map((c) => typeof c === "string" ? c : c.text()).join(" ");
  }
  all(tag: string): FakeElement[] {
    return this.children.flatMap((c) =>
      typeof c === "string" ? [] : [...(c.tag === tag ? [c] : []), ...c.all(tag)]
    );
  }
}

describe("the docs page", () => {
  it("renders every operation from openapi.json and sends a tool call", async () => {
    const { app } = inMemoryApp();
    try {
      const html = await (await app.request("/v1/docs")).text();
      const nonce = /<script nonce="([^"]+)">/.exec(html)![1];
      const script = html.split(`<script nonce="${nonce}">`)[1]!.split("</script>")[0]!;
      const main = new FakeElement("main");
      const document = {
        title: "",
        querySelector: () => main,
        createElement: (tag: string) => new FakeElement(tag),
      };
      const calls: string[] = [];
      const fetchFromApp = (path: string, init?: RequestInit) => {
        calls.push(`${init?.method ?? "GET"} ${path}`);
        return Promise.resolve(app.request(path.startsWith("/") ? path : `/v1/${path}`, init));
      };
      new Function("document", "fetch", script)(document, fetchFromApp);
      for (let i = 0; i < 100 && main.all("section").length === 0; i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      assert.equal(document.title, "mcpwire REST");
      const text = main.text();
      for (
        const path of ["/v1/servers/test/tools/add", "/v1/servers/echo/tools/echo", "/healthz"]
      ) {
        assert.ok(text.includes(path), `${path} is listed`);
      }
      const add = main.all("details").find((d) => d.text().includes("/v1/servers/test/tools/add"))!;
      add.all("textarea")[0]!.value = '{"a": 1, "b": 2}';
      await add.all("button")[0]!.onclick!();
      const out = add.all("pre").at(-1)!.textContent;
      assert.match(out, /^200\n/);
      assert.match(out, /"sum": 3/);
      assert.deepEqual(calls, ["GET openapi.json", "POST /v1/servers/test/tools/add"]);
    } finally {
      await app.close();
    }
  });
});
