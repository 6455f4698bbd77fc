import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Client, ToolError } from "./mod.ts";
import { toRoot } from "./_handlers.ts";
import { demoServer } from "../test/fixtures/servers.ts";

describe("Client handlers", () => {
  it("declares a capability only for handlers that exist", async () => {
    const bare = demoServer();
    await using plain = await new Client(bare.server).connect();
    assert.deepEqual(bare.server.server.getClientCapabilities(), {});
    assert.ok(plain.isConnected());

    const full = demoServer();
    await using all = await new Client(full.server, {
      samplingHandler: () => "x",
      elicitationHandler: () => ({}),
      roots: ["/tmp"],
    }).connect();
    assert.deepEqual(full.server.server.getClientCapabilities(), {
      sampling: {},
      elicitation: { form: { applyDefaults: true }, url: {} },
      roots: { listChanged: true },
    });
    assert.ok(all.isConnected());
  });

  it("without a sampling handler the server's request fails and the tool reports it", async () => {
    await using client = await new Client(demoServer().server).connect();
    await assert.rejects(client.callTool("sample", { prompt: "hi" }), ToolError);
  });

  it("samplingHandler: a string answer becomes an assistant text message", async () => {
    const seen: unknown[] = [];
    await using client = await new Client(demoServer().server, {
      samplingHandler: (messages, params, context) => {
        seen.push(messages[0]?.content, params.maxTokens, typeof context.requestId);
        return "forty-two";
      },
    }).connect();
    const result = await client.callTool("sample", { prompt: "meaning?" });
    assert.deepEqual(result.content, [{ type: "text", text: "mcpwire:forty-two" }]);
    assert.deepEqual(seen, [{ type: "text", text: "meaning?" }, 50, "number"]);
  });

  it("samplingHandler: a full result is sent as is; a thrown error goes back to the server", async () => {
    await using client = await new Client(demoServer().server, {
      samplingHandler: (messages) => {
        const text = (messages[0]?.content as { text: string }).text;
        if (text === "fail") throw new Error("model unavailable");
        return { role: "assistant", model: "gpt-x", content: { type: "text", text: "ok" } };
      },
    }).connect();
    assert.deepEqual((await client.callTool("sample", { prompt: "go" })).content, [
      { type: "text", text: "gpt-x:ok" },
    ]);
    await assert.rejects(client.callTool("sample", { prompt: "fail" }), (err) => {
      assert.ok(err instanceof ToolError);
      assert.match(err.message, /model unavailable/);
      return true;
    });
  });

  it("elicitationHandler: returned data accepts; schema defaults fill missing fields", async () => {
    let schemaSeen: unknown;
    await using client = await new Client(demoServer().server, {
      elicitationHandler: (message, schema) => {
        schemaSeen = schema;
        assert.equal(message, "Who are you?");
        return { name: "Ada" };
      },
    }).connect();
    const result = await client.callTool("ask", { kind: "form" });
    assert.deepEqual(result.data, {
      action: "accept",
      content: { name: "Ada", age: 42, color: "blue" },
    });
    assert.equal((schemaSeen as { type: string }).type, "object");
  });

  it("elicitationHandler: decline and cancel", async () => {
    for (const action of ["decline", "cancel"] as const) {
      await using client = await new Client(demoServer().server, {
        elicitationHandler: () => ({ action }),
      }).connect();
      assert.deepEqual((await client.callTool("ask", { kind: "form" })).data, { action });
    }
  });

  it("elicitationHandler: an explicit accept, and a scalar for a single 'value' field", async () => {
    await using client = await new Client(demoServer().server, {
      elicitationHandler: (message) =>
        message === "Pick a number" ? 7 : { action: "accept", content: { name: "Bo", age: 3 } },
    }).connect();
    assert.deepEqual((await client.callTool("ask", { kind: "scalar" })).data, {
      action: "accept",
      content: { value: 7 },
    });
    assert.deepEqual((await client.callTool("ask", { kind: "form" })).data, {
      action: "accept",
      content: { name: "Bo", age: 3, color: "blue" },
    });
  });

  it("elicitationHandler: URL mode gets no schema and accepts by returning nothing", async () => {
    const seen: unknown[] = [];
    await using client = await new Client(demoServer().server, {
      elicitationHandler: (message, schema, params) => {
        seen.push(message, schema, (params as { url?: string }).url);
      },
    }).connect();
    assert.deepEqual((await client.callTool("ask", { kind: "url" })).data, { action: "accept" });
    assert.deepEqual(seen, ["Open this page", undefined, "https://example.com/consent"]);
  });

  it("roots: paths become file:// URLs; URLs and Root objects pass through", async () => {
    const roots = ["/srv/data", "file:///home/ada", new URL("file:///opt/x%20y"), {
      uri: "/etc",
      name: "etc",
    }];
    await using client = await new Client(demoServer().server, { roots }).connect();
    const result = await client.callTool("roots");
    assert.deepEqual(result.data, {
      roots: [
        { uri: "file:///srv/data" },
        { uri: "file:///home/ada" },
        { uri: "file:///opt/x%20y" },
        { uri: "file:///etc", name: "etc" },
      ],
    });
  });

  it("roots: a function is asked on every request; setRoots() notifies the server", async () => {
    const { server } = demoServer();
    let changed = 0;
    server.server.setNotificationHandler("notifications/roots/list_changed", () => void changed++);
    let calls = 0;
    await using client = await new Client(server, {
      roots: () => [`/work/${++calls}`],
    }).connect();
    assert.deepEqual((await client.callTool("roots")).data, { roots: [{ uri: "file:///work/1" }] });
    assert.deepEqual((await client.callTool("roots")).data, { roots: [{ uri: "file:///work/2" }] });
    await client.setRoots(["/new/root"]);
    await client.ping();
    assert.equal(changed, 1);
    assert.deepEqual((await client.callTool("roots")).data, {
      roots: [{ uri: "file:///new/root" }],
    });
  });

  it("setRoots() on a client created without roots takes effect from the next connection", async () => {
    const { server } = demoServer();
    const client = new Client(server);
    await client.connect();
    await client.setRoots(["/later"]);
    assert.equal(server.server.getClientCapabilities()?.roots, undefined);
    await client.close();
    await client.connect();
    try {
      assert.deepEqual(server.server.getClientCapabilities()?.roots, { listChanged: true });
      assert.deepEqual((await client.callTool("roots")).data, {
        roots: [{ uri: "file:///later" }],
      });
    } finally {
      await client.close();
    }
  });

  it("toRoot() converts Windows paths and rejects non-file URLs", () => {
    assert.equal(toRoot("C:\\Users\\ada").uri, "file:///C:/Users/ada");
    assert.equal(toRoot("/a b/c").uri, "file:///a%20b/c");
    assert.throws(() => toRoot("https://example.com"), TypeError);
    assert.match(toRoot("relative/dir").uri, /^file:\/\/\/.*\/relative\/dir$/);
  });

  it("logHandler receives level, logger and data", async () => {
    const messages: unknown[] = [];
    await using client = await new Client(demoServer().server, {
      logHandler: (message) => void messages.push(message),
    }).connect();
    await client.callTool("log", { level: "warning" });
    assert.deepEqual(messages, [{
      level: "warning",
      logger: "demo-logger",
      data: { msg: "a warning message" },
    }]);
  });

  it("the default log handler writes warnings and errors to stderr, nothing to stdout", async () => {
    const stderr: string[] = [];
    const stdout: unknown[] = [];
    const { error, log, info, debug } = console;
    console.error = (...args: unknown[]) => void stderr.push(args.join(" "));
    console.log = console.info = console.debug = (...args: unknown[]) => void stdout.push(args);
    try {
      await using client = await new Client(demoServer().server).connect();
      await client.callTool("log", { level: "info" });
      await client.callTool("log", { level: "error" });
    } finally {
      Object.assign(console, { error, log, info, debug });
    }
    assert.deepEqual(stderr, ['[demo] error (demo-logger): {"msg":"a error message"}']);
    assert.deepEqual(stdout, []);
  });

  it("a throwing handler is reported and does not break the connection", async () => {
    const { error } = console;
    const reported: unknown[] = [];
    console.error = (...args: unknown[]) => void reported.push(args);
    try {
      await using client = await new Client(demoServer().server, {
        logHandler: () => {
          throw new Error("handler bug");
        },
      }).connect();
      await client.callTool("log", { level: "info" });
      assert.equal(await client.ping(), true);
    } finally {
      console.error = error;
    }
    assert.equal(reported.length, 1);
  });
});
