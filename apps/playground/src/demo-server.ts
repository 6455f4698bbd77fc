/**
 * `createDemoServer`: the in-memory MCP server the playground opens on, with one example of
 * every MCP feature.
 *
 * @module
 */
import { completable, McpServer, ResourceTemplate } from "@modelcontextprotocol/server";
import { z } from "zod";
import { encodePng, toBase64 } from "./_png.ts";
import { type Answer, DemoTasks, type TaskControl } from "./_demo-tasks.ts";

/** Options of {@linkcode createDemoServer}. */
export interface DemoServerOptions {
  /** Milliseconds between steps of `slow_count` when the caller gives none. Default 300. */
  stepMs?: number;
  /** Milliseconds between changes of `demo://counter` while subscribed. Default 1 000. */
  tickMs?: number;
}

const NOTES: Record<string, string> = {
  "1": "Buy milk",
  "2": "Call Ada about the MCP demo",
  "3": "Read the mcpwire README",
  "42": "The answer",
};
const LANGUAGES = ["go", "python", "rust", "typescript", "zig"];
const NAMES = ["Ada", "Alan", "Grace", "Linus", "Margaret"];

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), {
      once: true,
    });
  });

function picture(seed: number): Uint8Array {
  const [r, g, b] = [seed * 97 % 256, seed * 57 % 256, seed * 151 % 256];
  return encodePng(64, 64, (x, y) => {
    const ring = Math.hypot(x - 32, y - 32) < 20 + (seed % 8);
    return ring ? [255 - r, 255 - g, 255 - b] : [(r + x * 2) % 256, (g + y * 2) % 256, b];
  });
}

function registerTools(server: McpServer, stepMs: number): void {
  server.registerTool("add", {
    title: "Add two numbers",
    description: "Adds a and b; the result is structured ({ sum }).",
    inputSchema: z.object({ a: z.number().describe("first addend"), b: z.number() }),
    outputSchema: z.object({ sum: z.number() }),
  }, ({ a, b }) => ({
    content: [{ type: "text", text: String(a + b) }],
    structuredContent: { sum: a + b },
  }));
  server.registerTool("echo", {
    description: "Echoes text back; shows every kind of form field.",
    inputSchema: z.object({
      text: z.string().describe("what to echo"),
      repeat: z.number().int().min(1).max(10).default(1),
      style: z.enum(["plain", "upper", "lower"]).default("plain"),
      tags: z.array(z.string()).optional().describe("labels appended in brackets"),
      options: z.object({ prefix: z.string().default(""), newline: z.boolean().default(false) })
        .optional(),
    }),
  }, ({ text, repeat, style, tags, options }) => {
    const styled = style === "upper"
      ? text.toUpperCase()
      : style === "lower"
      ? text.toLowerCase()
      : text;
    const one = `${options?.prefix ?? ""}${styled}${tags?.length ? ` [${tags.join(", ")}]` : ""}`;
    return {
      content: [{
        type: "text",
        text: Array(repeat).fill(one).join(options?.newline ? "\n" : " "),
      }],
    };
  });
  server.registerTool("slow_count", {
    description: "Counts to `to`, reporting progress and logging each step.",
    inputSchema: z.object({
      to: z.number().int().min(1).max(50).default(5),
      delayMs: z.number().int().min(0).max(5000).optional().describe("pause between steps"),
    }),
  }, async ({ to, delayMs }, ctx) => {
    const token = ctx.mcpReq._meta?.progressToken;
    for (let i = 1; i <= to; i++) {
      await sleep(delayMs ?? stepMs, ctx.mcpReq.signal);
      await ctx.mcpReq.log("info", `step ${i} of ${to}`, "slow_count");
      if (token !== undefined) {
        await ctx.mcpReq.notify({
          method: "notifications/progress",
          params: { progressToken: token, progress: i, total: to, message: `counted ${i}` },
        });
      }
    }
    return { content: [{ type: "text", text: `counted to ${to}` }] };
  });
  server.registerTool("ask_name", {
    description: "Asks you for your name (elicitation) and greets you.",
  }, async (ctx) => {
    const answer = await ctx.mcpReq.elicitInput({
      mode: "form",
      message: "What is your name?",
      requestedSchema: {
        type: "object",
        properties: {
          name: { type: "string", title: "Name", description: "your first name" },
          formal: { type: "boolean", title: "Formal greeting", default: false },
        },
        required: ["name"],
      },
    });
    if (answer.action !== "accept") {
      return { content: [{ type: "text", text: `No name given (${answer.action}).` }] };
    }
    const name = String(answer.content?.name ?? "stranger");
    const text = answer.content?.formal ? `Good day, ${name}.` : `Hello, ${name}!`;
    return { content: [{ type: "text", text }] };
  });
  server.registerTool("summarize", {
    description: "Asks your model (sampling) to summarize a text.",
    inputSchema: z.object({ text: z.string().describe("the text to summarize") }),
  }, async ({ text }, ctx) => {
    const reply = await ctx.mcpReq.requestSampling({
      messages: [{ role: "user", content: { type: "text", text: `Summarize:\n\n${text}` } }],
      systemPrompt: "You write one-sentence summaries.",
      modelPreferences: { hints: [{ name: "claude" }], intelligencePriority: 0.8 },
      maxTokens: 200,
    });
    const block = Array.isArray(reply.content) ? reply.content[0] : reply.content;
    const summary = block?.type === "text" ? block.text : JSON.stringify(block);
    return { content: [{ type: "text", text: `Summary (${reply.model}): ${summary}` }] };
  });
  server.registerTool("random_image", {
    description: "Returns a random 64×64 PNG image.",
  }, () => ({
    content: [
      {
        type: "image",
        data: toBase64(picture(Math.floor(Math.random() * 1000))),
        mimeType: "image/png",
      },
      { type: "text", text: "a random picture" },
    ],
  }));
  server.registerTool("fail", {
    description: "Always fails: returns a result with isError.",
    inputSchema: z.object({ message: z.string().default("something went wrong") }),
  }, ({ message }) => ({ content: [{ type: "text", text: message }], isError: true }));
}

async function research(
  { topic, steps }: { topic: string; steps: number },
  task: TaskControl,
  stepMs: number,
): Promise<{ content: { type: "text"; text: string }[] }> {
  for (let i = 1; i <= steps; i++) {
    await task.update(`step ${i} of ${steps}: reading about ${topic}`);
    await sleep(stepMs, task.signal);
  }
  return { content: [{ type: "text", text: `Report on ${topic}: ${steps} sources read.` }] };
}

async function bookTable(
  { restaurant }: { restaurant: string },
  task: TaskControl,
  stepMs: number,
): Promise<{ content: { type: "text"; text: string }[] }> {
  await task.update(`looking for free tables at ${restaurant}`);
  await sleep(stepMs, task.signal);
  const answer: Answer = await task.ask({
    message: `${restaurant} has tables at 19:00, 20:00 and 21:00. Which one?`,
    requestedSchema: {
      type: "object",
      properties: {
        time: { type: "string", title: "Time", enum: ["19:00", "20:00", "21:00"] },
        guests: { type: "integer", title: "Guests", minimum: 1, maximum: 12, default: 2 },
      },
    },
  });
  if (answer.action !== "accept") {
    return { content: [{ type: "text", text: `No table booked (${answer.action}).` }] };
  }
  await task.update("booking");
  await sleep(stepMs, task.signal);
  const { time, guests } = answer.content ?? {};
  const text = `Booked a table for ${guests ?? 2} at ${time ?? "19:00"} at ${restaurant}.`;
  return { content: [{ type: "text", text }] };
}

function registerTaskTools(server: McpServer, stepMs: number): DemoTasks {
  const tasks = new DemoTasks(server);
  const plain = (
    ctx: {
      mcpReq: {
        signal: AbortSignal;
        log(level: "info", data: string, logger: string): Promise<void>;
      };
    },
  ): TaskControl => ({
    signal: ctx.mcpReq.signal,
    update: (message) => ctx.mcpReq.log("info", message, "research"),
    ask: () => Promise.reject(new Error("research does not ask")),
  });
  const researchInput = z.object({
    topic: z.string().default("MCP tasks").describe("what to research"),
    steps: z.number().int().min(1).max(20).default(4),
  });
  const researchTool = server.registerTool("research", {
    description: "Researches a topic step by step; runs as an MCP task (or as a plain call).",
    inputSchema: researchInput,
  }, (args, ctx) => research(args, plain(ctx), stepMs));
  tasks.add(
    "research",
    researchTool,
    "optional",
    (args, t) => research(researchInput.parse(args), t, stepMs),
  );
  const bookInput = z.object({ restaurant: z.string().default("Chez MCP") });
  const bookTool = server.registerTool("book_table", {
    description:
      "Books a table: an MCP task that asks you for the time (input_required, elicitation).",
    inputSchema: bookInput,
  }, () => {
    throw new Error("book_table must be called as a task");
  });
  tasks.add(
    "book_table",
    bookTool,
    "required",
    (args, t) => bookTable(bookInput.parse(args), t, stepMs),
  );
  tasks.install();
  return tasks;
}

function registerResources(server: McpServer, tickMs: number): void {
  server.registerResource("readme", "demo://readme", {
    title: "About this server",
    mimeType: "text/markdown",
  }, (uri) => ({
    contents: [{
      uri: uri.href,
      mimeType: "text/markdown",
      text:
        "# mcpwire demo\n\nEvery MCP feature, in memory: tools, resources, prompts, completions.",
    }],
  }));
  server.registerResource(
    "logo",
    "demo://image.png",
    {
      title: "A PNG image",
      mimeType: "image/png",
    },
    (uri) => ({ contents: [{ uri: uri.href, mimeType: "image/png", blob: toBase64(picture(7)) }] }),
  );
  server.registerResource(
    "note",
    new ResourceTemplate("demo://notes/{id}", {
      list: () => ({
        resources: Object.keys(NOTES).map((id) => ({
          uri: `demo://notes/${id}`,
          name: `note ${id}`,
        })),
      }),
      complete: { id: (value) => Object.keys(NOTES).filter((id) => id.startsWith(value)) },
    }),
    { title: "A note by id", mimeType: "text/plain" },
    (uri, { id }) => ({
      contents: [{
        uri: uri.href,
        mimeType: "text/plain",
        text: NOTES[String(id)] ?? `no note ${id}`,
      }],
    }),
  );
  registerCounter(server, tickMs);
}

function registerCounter(server: McpServer, tickMs: number): void {
  const uri = "demo://counter";
  let count = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  const subscribed = new Set<string>();
  const stop = () => (clearInterval(timer), timer = undefined);
  server.registerResource("counter", uri, {
    title: "A counter that changes while subscribed",
    mimeType: "application/json",
  }, () => ({
    contents: [{ uri, mimeType: "application/json", text: JSON.stringify({ count }) }],
  }));
  server.server.registerCapabilities({ resources: { subscribe: true } });
  server.server.setRequestHandler("resources/subscribe", (request) => {
    subscribed.add(request.params.uri);
    if (request.params.uri === uri && !timer) {
      timer = setInterval(() => {
        count++;
        server.server.sendResourceUpdated({ uri }).catch(stop);
      }, tickMs);
    }
    return {};
  });
  server.server.setRequestHandler("resources/unsubscribe", (request) => {
    subscribed.delete(request.params.uri);
    if (!subscribed.has(uri)) stop();
    return {};
  });
  const previous = server.server.onclose;
  server.server.onclose = () => (stop(), previous?.());
}

function registerPrompts(server: McpServer): void {
  server.registerPrompt("greeting", {
    title: "Greet someone",
    description: "A greeting in the style you choose.",
    argsSchema: z.object({
      name: completable(
        z.string().describe("who to greet"),
        (v) => NAMES.filter((n) => n.toLowerCase().startsWith(v.toLowerCase())),
      ),
      // completable() inside optional(): the SDK looks for the completer under the optional
      style: completable(
        z.string().describe("formal or casual"),
        (v) => ["casual", "formal"].filter((s) => s.startsWith(v ?? "")),
      ).optional(),
    }),
  }, ({ name, style }) => ({
    messages: [{
      role: "user",
      content: { type: "text", text: `Write a ${style ?? "casual"} greeting for ${name}.` },
    }],
  }));
  server.registerPrompt("code_review", {
    description: "Asks for a review of some code.",
    argsSchema: z.object({
      language: completable(z.string(), (v) => LANGUAGES.filter((l) => l.startsWith(v))),
      code: z.string(),
    }),
  }, ({ language, code }) => ({
    messages: [
      { role: "user", content: { type: "text", text: `Review this ${language} code:\n\n${code}` } },
      { role: "assistant", content: { type: "text", text: "Here is my review:" } },
    ],
  }));
}

/**
 * Creates the demo server: tools `add` (structured output), `echo` (every form field),
 * `slow_count` (progress and logs), `ask_name` (elicitation), `summarize` (sampling),
 * `random_image` (image content), `fail` (`isError`), `research` (an MCP task, optional) and
 * `book_table` (a task that asks a question: `input_required`); resources `demo://readme`,
 * `demo://image.png` (binary), the template `demo://notes/{id}` and the subscribable
 * `demo://counter`; prompts `greeting` and `code_review`; completions for prompt arguments and
 * the template's `id`.
 *
 * @param options timing of the slow parts
 * @returns a new, unconnected server (one per client)
 * @example
 * ```ts
 * import { Client } from "@mcpwire/core";
 * import { createDemoServer } from "@mcpwire/playground";
 *
 * await using client = await new Client(createDemoServer()).connect();
 * const result = await client.callTool<{ sum: number }>("add", { a: 2, b: 3 });
 * console.log(result.data.sum); // 5
 * ```
 */
export function createDemoServer(options: DemoServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: "demo", version: "1.0.0", title: "mcpwire demo server" },
    {
      capabilities: { logging: {} },
      instructions: "A demo of every MCP feature: try slow_count, ask_name and summarize.",
    },
  );
  registerTools(server, options.stepMs ?? 300);
  const tasks = registerTaskTools(server, options.stepMs ?? 300);
  const previous = server.server.onclose;
  server.server.onclose = () => (tasks.close(), previous?.());
  registerResources(server, options.tickMs ?? 1_000);
  registerPrompts(server);
  return server;
}
