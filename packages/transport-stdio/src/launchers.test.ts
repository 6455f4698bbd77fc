import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import process from "node:process";
import { bun, deno, npx, uvx } from "./launchers.ts";
import { connectClient, FIXTURES } from "./_test_util.ts";

describe("launchers", () => {
  it("npx() runs a package with npx -y", () => {
    const t = npx("@modelcontextprotocol/server-memory", ["--x"], { keepAlive: false });
    assert.equal(t.commandLine, "npx -y @modelcontextprotocol/server-memory --x");
    assert.equal(t.keepAlive, false);
  });

  it("uvx() runs a package with uvx", () => {
    assert.equal(
      uvx("mcp-server-time", ["--local-timezone", "UTC"]).commandLine,
      "uvx mcp-server-time --local-timezone UTC",
    );
  });

  it("deno() runs a module with deno run -A, or the given permissions", () => {
    const expected = "Deno" in globalThis ? process.execPath : "deno";
    assert.equal(deno("npm:pkg").commandLine, `${expected} run -A npm:pkg`);
    assert.equal(
      deno("s.ts", [], { permissions: ["--allow-read"] }).commandLine,
      `${expected} run --allow-read s.ts`,
    );
  });

  it("bun() runs a file with bun", () => {
    const expected = "Bun" in globalThis ? process.execPath : "bun";
    assert.equal(bun("server.ts", ["-v"]).commandLine, `${expected} server.ts -v`);
  });

  it("deno() and bun() start a real server with the bundled runtimes", async () => {
    const bin = join(FIXTURES, "../../../../node_modules/.bin");
    const path = `${bin}:${process.env.PATH}`;
    for (
      const transport of [
        deno(join(FIXTURES, "server.ts"), [], { env: { PATH: path }, stderr: "ignore" }),
        bun(join(FIXTURES, "server.ts"), [], { env: { PATH: path }, stderr: "ignore" }),
      ]
    ) {
      const client = await connectClient(transport);
      try {
        assert.equal(client.getServerVersion()?.name, "fixture-ts");
      } finally {
        await client.close();
      }
    }
  });
});
