import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { eventually, freePort, runtimeArgs, startEverything, waitFor } from "./mod.ts";

describe("waitFor() and eventually()", () => {
  it("waitFor() resolves once the check holds and throws naming what it waited for", async () => {
    let n = 0;
    await waitFor(() => ++n >= 3, "three polls");
    assert.equal(n, 3);
    await assert.rejects(
      waitFor(() => false, "the impossible", 50),
      /the impossible: not within 50 ms/,
    );
  });

  it("eventually() tells whether the check held in time", async () => {
    assert.equal(await eventually(() => true), true);
    assert.equal(await eventually(async () => await Promise.resolve(false), 50), false);
  });
});

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

describe("runtimeArgs()", () => {
  it("runs TypeScript with the repo's sources and plain JavaScript without a loader", () => {
    const ts = runtimeArgs("x.ts", { gc: true });
    const js = runtimeArgs("x.mjs");
    if ("Deno" in globalThis) {
      assert.deepEqual(ts, ["run", "-A", "--v8-flags=--expose-gc", "x.ts"]);
    } else if ("Bun" in globalThis) {
      assert.deepEqual(js, ["--conditions=@mcpwire/source", "x.mjs"]);
    } else {
      assert.deepEqual(ts, [
        "--expose-gc",
        "--conditions=@mcpwire/source",
        "--import",
        "tsx",
        "x.ts",
      ]);
      assert.deepEqual(js, ["--conditions=@mcpwire/source", "x.mjs"]);
    }
  });

  it("runs a TypeScript file from a folder outside the repository with the repo's sources", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mcpwire-outside-"));
    try {
      const file = join(dir, "outside.ts");
      await writeFile(
        file,
        'import { Client } from "@mcpwire/core";\nconst n: number = 1;\nconsole.log(typeof Client, n);\n',
      );
      // As a snippet's project: only the package it imports, linked to the repository's.
      const dependencies = { "@mcpwire/core": "*" };
      await writeFile(join(dir, "package.json"), JSON.stringify({ type: "module", dependencies }));
      await mkdir(join(dir, "node_modules", "@mcpwire"), { recursive: true });
      await symlink(join(ROOT, "packages/core"), join(dir, "node_modules/@mcpwire/core"), "dir");
      const out = await new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          runtimeArgs(file, { outside: true }),
          { cwd: dir },
          (e, o, err) => e ? reject(new Error(`${e.message}\n${err}`)) : resolve(o),
        );
      });
      assert.equal(out.trim(), "function 1");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("freePort() and startEverything()", () => {
  it("a free port can be listened on", async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    await new Promise((resolve) => server.close(resolve));
  });

  it("server-everything answers initialize over Streamable HTTP until closed", async () => {
    const server = await startEverything("streamableHttp");
    const initialize = () =>
      fetch(server.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
        },
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "initialize",
          params: {
            protocolVersion: "2025-06-18",
            capabilities: {},
            clientInfo: { name: "t", version: "1" },
          },
        }),
      });
    try {
      const response = await initialize();
      assert.equal(response.status, 200);
      assert.match(await response.text(), /"serverInfo"/);
    } finally {
      await server.close();
    }
    assert.notEqual(server.child.exitCode ?? server.child.signalCode, null);
    await assert.rejects(initialize());
  });
});
