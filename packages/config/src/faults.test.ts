import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import {
  Client,
  type ClientOptions,
  ConnectionError,
  McpError,
  type ServerStatus,
  TimeoutError,
} from "@mcpwire/core";
import { MultiServerClient, type MultiServerClientOptions } from "./mod.ts";
import { runJs, waitFor } from "@mcpwire/testing";

const FIXTURE = fileURLToPath(new URL("../test/fixtures/fault-server.mjs", import.meta.url));

/** A config entry running the fault server as `name`, in `mode`. */
function server(name: string, mode = "ok"): { command: string; args: string[] } {
  return runJs(FIXTURE, name, mode);
}

/** What each test needs from either entry point. */
interface Entry {
  call(tool: string, args?: Record<string, unknown>, timeout?: number): Promise<string>;
  tools(): Promise<string[]>;
  connect(): Promise<void>;
  readonly servers: Record<string, ServerStatus>;
  reconnect(name: string): Promise<void>;
  setRoots(roots: string[]): Promise<void>;
  close(): Promise<void>;
  /** The servers named by each `tools/list_changed` so far. */
  readonly toolsChanged: string[];
}

/** The options both entry points understand, and the handlers each spells its own way. */
interface Options {
  strict?: boolean;
  connectTimeout?: number;
  serverWait?: number;
  sampling?: boolean;
  elicitation?: boolean;
  roots?: string[];
}

const textOf = (content: unknown) => (content as { text?: string }[])[0]?.text ?? "";
const quiet = { stderr: "ignore" as const, onWarning: () => {} };

const ENTRIES: Record<string, (config: object, options?: Options) => Entry> = {
  "new Client(config)": (config, o = {}) => {
    let roots = o.roots;
    const toolsChanged: string[] = [];
    const client = new Client(config, {
      ...quiet,
      ...(o.strict !== undefined && { strict: o.strict }),
      ...(o.connectTimeout !== undefined && { connectTimeout: o.connectTimeout }),
      ...(o.serverWait !== undefined && { serverWait: o.serverWait }),
      ...(o.sampling && { samplingHandler: () => "ok" }),
      ...(o.elicitation && { elicitationHandler: () => ({ action: "decline" }) }),
      ...(roots && { roots: () => roots ?? [] }),
    } as ClientOptions);
    client.on("notifications/tools/list_changed", (params) => {
      toolsChanged.push(String((params?._meta as Record<string, unknown>)?.["mcpwire/server"]));
    });
    return {
      toolsChanged,
      call: async (tool, args = {}, timeout) =>
        textOf((await client.callTool(tool, args, { timeout })).content),
      tools: async () => (await client.listTools()).map((t) => t.name),
      connect: async () => void await client.connect(),
      get servers() {
        return client.servers;
      },
      reconnect: (name) => client.reconnect(name),
      setRoots: (next) => client.setRoots(roots = next),
      close: () => client.close(),
    };
  },
  MultiServerClient: (config, o = {}) => {
    let roots = o.roots;
    const toolsChanged: string[] = [];
    const multi = new MultiServerClient(config, {
      ...quiet,
      ...(o.strict !== undefined && { strict: o.strict }),
      ...(o.connectTimeout !== undefined && { connectTimeout: o.connectTimeout }),
      ...(o.serverWait !== undefined && { serverWait: o.serverWait }),
      handlers: {
        ...(o.sampling && {
          sampling: () =>
            Promise.resolve({ role: "assistant", model: "m", content: { type: "text", text: "" } }),
        }),
        ...(o.elicitation && { elicitation: () => Promise.resolve({ action: "decline" }) }),
        ...(roots && { roots: () => ({ roots: (roots ?? []).map((uri) => ({ uri })) }) }),
        listChanged: (kind, { server }) => void (kind === "tools" && toolsChanged.push(server)),
      },
    } as MultiServerClientOptions);
    return {
      toolsChanged,
      call: async (tool, args = {}, timeout) =>
        textOf((await multi.callTool({ name: tool, arguments: args }, { timeout })).content),
      tools: async () => (await multi.listTools()).tools.map((t) => t.name),
      connect: () => multi.connect(),
      get servers() {
        return multi.servers;
      },
      reconnect: (name) => multi.reconnect(name),
      setRoots: async (next) => {
        roots = next;
        await multi.sendRootsListChanged();
      },
      close: () => multi.close(),
    };
  },
};

async function failure(promise: Promise<unknown>): Promise<Error> {
  return await promise.then(
    () => assert.fail("expected a failure"),
    (error: unknown) => error as Error,
  );
}

async function using(entry: Entry, body: (entry: Entry) => Promise<void>): Promise<void> {
  try {
    await body(entry);
  } finally {
    await entry.close();
  }
}

for (const [label, open] of Object.entries(ENTRIES)) {
  describe(`${label} with misbehaving stdio servers`, () => {
    it("a crash mid-call is a ConnectionError naming the server, its exit code and stderr; other servers' calls go on", async () => {
      const config = { mcpServers: { a: server("a"), b: server("b") } };
      await using(open(config, { serverWait: 30_000 }), async (entry) => {
        await entry.connect();
        const inFlight = entry.call("b_delay", { ms: 300 });
        const sameServer = failure(entry.call("a_delay", { ms: 60_000 }));
        const error = await failure(entry.call("a_crash"));
        assert.ok(error instanceof ConnectionError, String(error));
        assert.equal(error.code, "CONNECTION");
        assert.match(
          error.message,
          /^server 'a' \(`.+fault-server\.mjs a ok`\) exited with code 3/,
        );
        assert.match(error.message, /last stderr lines:\n {2}boom in a/);
        assert.equal(await sameServer, error, "the other call on 'a' fails the same way");
        assert.equal(await inFlight, "late");
        assert.equal(entry.servers.a?.state, "failed");
        assert.equal(entry.servers.a?.error, error);
        assert.equal(entry.servers.b?.state, "connected");
        assert.equal(await entry.call("b_echo", { text: "still" }), "b: still");
        const later = await failure(entry.call("a_echo"));
        assert.ok(later instanceof ConnectionError && /server 'a'/.test(later.message));
      });
    });

    it("a server that fails at start keeps its exit code and stderr; the others work", async () => {
      const config = { mcpServers: { good: server("good"), bad: server("bad", "crash-at-start") } };
      await using(open(config, { serverWait: 30_000 }), async (entry) => {
        await entry.connect();
        const error = entry.servers.bad?.error;
        assert.ok(error instanceof ConnectionError, String(error));
        assert.equal(error.code, "CONNECTION");
        assert.match(error.message, /^server 'bad' \(`.+`\) exited with code 2/);
        assert.match(error.message, /cannot start bad: missing API key/);
        assert.equal(await failure(entry.call("bad_echo")), error);
        assert.equal(await entry.call("good_echo", { text: "hi" }), "good: hi");
      });
      const single = open({ mcpServers: { bad: server("bad", "crash-at-start") } });
      await using(single, async (entry) => {
        const error = await failure(entry.connect());
        assert.ok(error instanceof ConnectionError, String(error));
        assert.match(error.message, /^server 'bad' \(`.+`\) exited with code 2; last stderr/);
      });
    });

    it("a server hung in initialize delays no call to another", async () => {
      const config = { mcpServers: { hung: server("hung", "hang-init"), good: server("good") } };
      // Merged listings would wait the whole minute: a routed call must not.
      await using(open(config, { connectTimeout: 60_000, serverWait: 60_000 }), async (entry) => {
        assert.equal(await entry.call("good_echo", { text: "first" }), "good: first");
        assert.equal(entry.servers.hung?.state, "connecting", "answered while 'hung' connects");
      });
    });

    it("listings go on without a server still connecting, and merge it in on arrival", async () => {
      const config = { mcpServers: { slow: server("slow", "slow-init"), good: server("good") } };
      await using(open(config, { serverWait: 50 }), async (entry) => {
        await entry.call("good_echo");
        const before = await entry.tools();
        assert.equal(entry.servers.slow?.state, "connecting");
        assert.ok(before.includes("good_echo") && !before.some((t) => t.startsWith("slow_")));
        await waitFor(
          () => entry.toolsChanged.includes("slow"),
          "tools/list_changed from slow",
          20_000,
        );
        assert.equal(entry.servers.slow?.state, "connected");
        assert.ok((await entry.tools()).includes("slow_echo"));
      });
    });

    it("a hung server times out with a TimeoutError naming it; strict: true fails connect()", async () => {
      // only 'hung' gets a short deadline (its entry's `timeout`): a loaded machine may be slow
      const hung = { ...server("hung", "hang-init"), timeout: 500 };
      const config = { mcpServers: { hung, good: server("good") } };
      await using(open(config), async (entry) => {
        const error = await failure(entry.call("hung_echo"));
        assert.ok(error instanceof TimeoutError, String(error));
        assert.equal(error.code, "TIMEOUT");
        assert.match(error.message, /server 'hung'/);
        assert.equal(entry.servers.hung?.state, "failed");
      });
      await using(open(config, { strict: true }), async (entry) => {
        const error = await failure(entry.connect());
        assert.ok(error instanceof ConnectionError, String(error));
        assert.match(
          error.message,
          /^1 of 2 servers failed to connect \(strict\):\n {2}- .*'hung'/,
        );
        const [cause] = (error.cause as AggregateError).errors;
        assert.ok(cause instanceof TimeoutError);
      });
    });

    it("a slow call is a TimeoutError naming server and tool; a JSON-RPC error keeps its code", async () => {
      await using(open({ mcpServers: { a: server("a"), b: server("b") } }), async (entry) => {
        const error = await failure(entry.call("a_delay", { ms: 60_000 }, 100));
        assert.ok(error instanceof TimeoutError, String(error));
        assert.equal(error.code, "TIMEOUT");
        assert.match(error.message, /tools\/call 'delay' on server 'a' timed out after 100 ms/);
        const rejected = await failure(entry.call("b_fail"));
        assert.ok(rejected instanceof McpError, String(rejected));
        assert.equal(rejected.code, "MCP_ERROR");
        assert.equal(rejected.rpcCode, -32042);
        assert.match(rejected.message, /server 'b' rejected tools\/call 'fail': b refuses/);
      });
    });

    it("a killed server is reconnected through reconnect(name), leaving the others alone", async () => {
      await using(open({ mcpServers: { a: server("a"), b: server("b") } }), async (entry) => {
        const bPid = await entry.call("b_pid");
        const crashed = await failure(entry.call("a_crash"));
        assert.ok(crashed instanceof ConnectionError);
        assert.equal(entry.servers.a?.state, "failed");
        await entry.reconnect("a");
        assert.equal(entry.servers.a?.state, "connected");
        assert.equal(entry.servers.a?.error, undefined);
        assert.equal(await entry.call("a_echo", { text: "back" }), "a: back");
        assert.equal(await entry.call("b_pid"), bPid, "b kept its process");
      });
    });

    it("each server sees only the capabilities of the handlers given", async () => {
      const config = { mcpServers: { a: server("a"), b: server("b") } };
      const cases: [Options, object][] = [
        [{}, {}],
        [{ sampling: true }, { sampling: {} }],
        [{ elicitation: true }, { elicitation: {} }],
        [{ roots: ["file:///srv"] }, { roots: { listChanged: true } }],
      ];
      for (const [options, expected] of cases) {
        await using(open(config, options), async (entry) => {
          for (const name of ["a", "b"]) {
            const caps = JSON.parse(await entry.call(`${name}_caps`));
            assert.deepEqual(Object.keys(caps), Object.keys(expected), JSON.stringify(options));
          }
        });
      }
    });

    it("roots reach every server that asks, and a change is announced to each", async () => {
      const config = { mcpServers: { a: server("a"), b: server("b") } };
      await using(open(config, { roots: ["file:///srv/one"] }), async (entry) => {
        for (const name of ["a", "b"]) {
          assert.deepEqual(JSON.parse(await entry.call(`${name}_roots`)), [{
            uri: "file:///srv/one",
          }]);
        }
        await entry.setRoots(["file:///srv/two"]);
        for (const name of ["a", "b"]) {
          await waitFor(
            async () => await entry.call(`${name}_roots-changed`) === "1",
            name,
            20_000,
          );
          assert.deepEqual(JSON.parse(await entry.call(`${name}_roots`)), [{
            uri: "file:///srv/two",
          }]);
        }
      });
    });

    it("takes VS Code's servers shape as a source", async () => {
      const config = {
        inputs: [{ id: "unused", type: "promptString" }],
        servers: { a: { type: "stdio", ...server("a") }, b: { type: "stdio", ...server("b") } },
      };
      await using(open(config), async (entry) => {
        assert.equal(await entry.call("b_echo", { text: "vs" }), "b: vs");
        assert.deepEqual(Object.keys(entry.servers), ["a", "b"]);
      });
    });
  });
}
