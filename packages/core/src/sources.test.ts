import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { InMemoryTransport } from "@modelcontextprotocol/client";
import { Client, MissingPackageError, UnsupportedSourceError } from "./mod.ts";
import { classifySource, createTransport, loadPackage, packageLoader } from "./_sources.ts";
import { demoServer } from "../test/fixtures/servers.ts";

/** Runs `fn` with a fake package loader that records what was imported and built. */
async function withLoader(
  packages: Record<string, Record<string, unknown>>,
  fn: (imported: string[]) => Promise<void>,
): Promise<void> {
  const original = packageLoader.load;
  const imported: string[] = [];
  packageLoader.load = (name) => {
    imported.push(name);
    const pkg = packages[name];
    if (pkg) return Promise.resolve(pkg);
    const error = Object.assign(new Error(`Cannot find package '${name}' imported from core`), {
      code: "ERR_MODULE_NOT_FOUND",
    });
    return Promise.reject(error);
  };
  try {
    await fn(imported);
  } finally {
    packageLoader.load = original;
  }
}

describe("sources", () => {
  it("classifySource() recognises servers, transports, URLs, files and configs", () => {
    const [transport] = InMemoryTransport.createLinkedPair();
    assert.equal(classifySource(demoServer().server), "server");
    assert.equal(classifySource(transport), "transport");
    assert.equal(classifySource("https://example.com/mcp"), "url");
    assert.equal(classifySource("HTTP://example.com/sse"), "url");
    assert.equal(classifySource(new URL("http://127.0.0.1:3000/mcp")), "url");
    for (const file of ["server.py", "a/b.js", "x.mjs", "x.cjs", "x.ts", "C:\\srv\\x.mts"]) {
      assert.equal(classifySource(file), "file", file);
    }
    assert.equal(classifySource({ mcpServers: { a: { command: "x" } } }), "config");
    assert.equal(classifySource({ weather: { url: "https://w/mcp" } }), "config");
    assert.equal(
      classifySource({ servers: { docs: { type: "http", url: "https://d" } } }),
      "config",
    );
  });

  it("anything else throws UnsupportedSourceError quoting the input", () => {
    const cases: [unknown, RegExp][] = [
      [42, /cannot connect to 42/],
      ["server.rb", /'server\.rb'/],
      ["ftp://host/x", /'ftp:\/\/host\/x'/],
      [new URL("ftp://host/x"), /only http\(s\) URLs/],
      [{ hello: "world" }, /\{"hello":"world"\}/],
      [null, /cannot connect to null/],
    ];
    for (const [source, message] of cases) {
      assert.throws(() => new Client(source as never), (err) => {
        assert.ok(err instanceof UnsupportedSourceError);
        assert.equal(err.code, "UNSUPPORTED_SOURCE");
        assert.match(err.message, message);
        return true;
      });
    }
  });

  it("URLs go to @mcpwire/transport-http's createUrlTransport with the options", async () => {
    const [transport] = InMemoryTransport.createLinkedPair();
    const calls: unknown[] = [];
    const http = {
      createUrlTransport: (
        url: URL,
        options: unknown,
      ) => (calls.push(url.href, options), transport),
    };
    await withLoader({ "@mcpwire/transport-http": http }, async (imported) => {
      const options = { headers: { "x-key": "1" } };
      const built = await createTransport("https://example.com/mcp", options);
      assert.equal(built.transport, transport);
      assert.deepEqual(imported, ["@mcpwire/transport-http"]);
      assert.deepEqual(calls, ["https://example.com/mcp", options]);
    });
  });

  it("the client's request timeout is not passed to createUrlTransport; the other options are", async () => {
    const [transport] = InMemoryTransport.createLinkedPair();
    const calls: unknown[] = [];
    const http = {
      createUrlTransport: (_url: URL, options: unknown) => (calls.push(options), transport),
    };
    await withLoader({ "@mcpwire/transport-http": http }, async () => {
      const fetch = globalThis.fetch;
      await createTransport("https://example.com/mcp", { timeout: 50, headers: { a: "1" }, fetch });
      assert.deepEqual(calls, [{ headers: { a: "1" }, fetch }]);
    });
  });

  it("server files go to @mcpwire/transport-stdio's createFileTransport", async () => {
    const [transport] = InMemoryTransport.createLinkedPair();
    const calls: unknown[] = [];
    const stdio = {
      createFileTransport: (
        path: string,
        options: unknown,
      ) => (calls.push(path, options), transport),
    };
    await withLoader({ "@mcpwire/transport-stdio": stdio }, async (imported) => {
      const built = await createTransport("./weather.py", { env: { A: "1" } });
      assert.equal(built.transport, transport);
      assert.deepEqual(imported, ["@mcpwire/transport-stdio"]);
      assert.deepEqual(calls, ["./weather.py", { env: { A: "1" } }]);
    });
  });

  it("configs (mcpServers or VS Code's servers) go to @mcpwire/config's createConfigBackend", async () => {
    for (const config of [{ mcpServers: { w: { url: "https://w/mcp" } } }, { servers: {} }]) {
      const given: unknown[] = [];
      const backend = {
        acquire: () => Promise.resolve(),
        list: (kind: string) => Promise.resolve([{ name: `${kind} from the router` }]),
        servers: { w: { name: "w", state: "connected", transport: "http" } },
        isConnected: () => true,
      };
      const pkg = {
        createConfigBackend: (c: unknown, o: unknown) => (given.push(c, o), backend),
      };
      await withLoader({ "@mcpwire/config": pkg }, async (imported) => {
        const options = { timeout: 5 };
        const client = new Client(config, options);
        await client.connect();
        assert.deepEqual(imported, ["@mcpwire/config"]);
        assert.deepEqual(given, [config, options]);
        assert.deepEqual(await client.listTools(), [{ name: "tools from the router" }]);
        assert.equal(client.servers.w?.state, "connected");
        assert.equal(client.isConnected(), true);
      });
    }
  });

  it("reconnect() needs a config source", async () => {
    await using client = new Client(demoServer().server);
    await assert.rejects(client.reconnect("a"), TypeError);
    assert.deepEqual(client.servers, {});
  });

  it("a client over a loaded transport works end to end", async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await demoServer().server.connect(serverSide);
    const stdio = { createFileTransport: () => clientSide };
    await withLoader({ "@mcpwire/transport-stdio": stdio }, async () => {
      await using client = await new Client("server.py").connect();
      assert.equal(client.initializeResult?.serverInfo?.name, "demo");
    });
  });

  it("a missing package gives MissingPackageError naming the package and the source", async () => {
    await withLoader({}, async () => {
      const cases: [unknown, string][] = [
        ["https://example.com/mcp", "@mcpwire/transport-http"],
        ["server.py", "@mcpwire/transport-stdio"],
        [{ mcpServers: { a: { command: "x" } } }, "@mcpwire/config"],
      ];
      for (const [source, packageName] of cases) {
        await assert.rejects(new Client(source as never).connect(), (err) => {
          assert.ok(err instanceof MissingPackageError);
          assert.equal(err.packageName, packageName);
          assert.ok(err.message.includes(err.installCommand), err.message);
          assert.ok(err.installCommand.endsWith(packageName), err.installCommand);
          return true;
        });
      }
    });
  });

  it("the runtime's own error for a package that is not installed is a MissingPackageError", async () => {
    const original = packageLoader.load;
    packageLoader.load = (name) => import(name);
    try {
      await assert.rejects(
        loadPackage("@mcpwire/not-installed-anywhere", "x", "server.py"),
        (err) => {
          assert.ok(err instanceof MissingPackageError, String(err));
          assert.match(err.message, /'server\.py'/);
          return true;
        },
      );
    } finally {
      packageLoader.load = original;
    }
  });

  it("the real loader finds each optional package by its name", async () => {
    const factories = {
      "@mcpwire/transport-http": "createUrlTransport",
      "@mcpwire/transport-stdio": "createFileTransport",
      "@mcpwire/config": "createConfigBackend",
    };
    for (const [name, factory] of Object.entries(factories)) {
      const pkg = await packageLoader.load(name) as Record<string, unknown>;
      assert.equal(typeof pkg[factory], "function", name);
    }
  });

  it("a package without the expected factory is a TypeError, not a missing package", async () => {
    await withLoader({ "@mcpwire/transport-http": {} }, async () => {
      await assert.rejects(createTransport("https://example.com/mcp", {}), TypeError);
    });
  });

  it("a transport given as the source is reused across connections", async () => {
    let starts = 0;
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const start = clientSide.start.bind(clientSide);
    clientSide.start = () => (starts++, start());
    await demoServer().server.connect(serverSide);
    const client = new Client(clientSide);
    assert.equal((await createTransport(clientSide, {})).transport, clientSide);
    await client.connect();
    await client.close();
    assert.equal(starts, 1);
  });

  it("a keepAlive transport survives the end of await using; close() ends it", async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    Object.defineProperty(clientSide, "keepAlive", { value: true });
    await demoServer().server.connect(serverSide);
    const client = new Client(clientSide);
    {
      await using c = await client.connect();
      await c.ping();
    }
    assert.equal(client.isConnected(), true);
    {
      await using c = await client.connect();
      assert.equal(await c.ping(), true);
    }
    await client.close();
    assert.equal(client.isConnected(), false);
  });
});
