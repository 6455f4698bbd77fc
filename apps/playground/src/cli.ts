/**
 * The `mcpwire` command line: explore and call any MCP server, start the playground, serve REST,
 * and write TypeScript types for a server's tools.
 *
 * @module
 */
import { Client, McpwireError } from "@mcpwire/core";
import { writeFile } from "node:fs/promises";
import process from "node:process";
import { parseArgs } from "node:util";
import { parsePairs } from "./_cli-args.ts";
import { terminalHandlers } from "./_cli-prompt.ts";
import { describeContent, err, json, out, progressBar } from "./_cli-output.ts";
import { playground, serveRest } from "./_cli-serve.ts";
import { resolveSource, UsageError } from "./_cli-source.ts";
import { generateToolTypes } from "./tool-types.ts";

/** The CLI's exit codes. */
export const EXIT = { ok: 0, error: 1, usage: 2, unreachable: 4, toolError: 5 } as const;

const USAGE = `usage: mcpwire <command> [options]

  tools <source>                       list the tools
  call <source> <tool> [key=value…]    call a tool (values typed by its schema; --args JSON)
  read <source> <uri>                  read a resource (--out FILE for binary contents)
  prompt <source> <name> [key=value…]  render a prompt
  complete <source> <prompt|template> <argument> [prefix]
                                       completions for a prompt or resource-template argument
  types <source> [--out FILE]          TypeScript types for every tool of the server
  playground [--config mcp.json]       start the web playground (http://127.0.0.1:5173)
  serve-rest <source>                  serve a server (or --config) as REST + OpenAPI

  <source>  demo | http(s)://… URL | server file (.py .js .ts …) | mcp.json config

options:
  --server NAME    with a config: the server to use
  --args JSON      tool or prompt arguments as one JSON object (key=value pairs are merged in)
  --json           machine-readable output on stdout
  --timeout MS     request timeout (default 60000)
  --quiet          no progress or server logs on stderr
  --interactive    answer elicitation and sampling requests at the terminal (default: when
                   stdin is a terminal)
  -p, --port N     playground / serve-rest port (default 5173 / 8787)
  -H, --host ADDR  playground / serve-rest address (default 127.0.0.1)
  -c, --config F   playground / serve-rest: an mcpServers config
  --no-demo        playground: without the demo server
  --allow-remote   playground: serve a non-loopback address (no authentication!)
  -h, --help       this help

exit codes: 0 ok, 1 error, 2 usage, 4 server unreachable, 5 tool error`;

const OPTIONS = {
  server: { type: "string" },
  args: { type: "string" },
  json: { type: "boolean" },
  timeout: { type: "string" },
  quiet: { type: "boolean" },
  interactive: { type: "boolean" },
  out: { type: "string", short: "o" },
  port: { type: "string", short: "p" },
  host: { type: "string", short: "H" },
  config: { type: "string", short: "c" },
  "no-demo": { type: "boolean" },
  "allow-remote": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>["values"];

interface Context {
  values: Values;
  rest: string[];
  client?: Client;
  cleanup?: () => void;
}

function openClient(ctx: Context, source: string | undefined): Promise<Client> {
  if (!source) throw new UsageError("missing <source>");
  const { values } = ctx;
  return resolveSource(source, values.server).then((src) => {
    const bar = progressBar();
    const terminal = values.interactive ?? process.stdin.isTTY === true
      ? terminalHandlers()
      : undefined;
    ctx.cleanup = terminal?.close;
    ctx.client = new Client(src, {
      ...terminal?.handlers,
      ...(values.timeout ? { timeout: Number(values.timeout) } : {}),
      logHandler: (log) => {
        if (!values.quiet) {
          err(
            `[${log.level}] ${typeof log.data === "string" ? log.data : JSON.stringify(log.data)}`,
          );
        }
      },
      progressHandler: (p, total, message) => void (!values.quiet && bar.update(p, total, message)),
    });
    return ctx.client.connect();
  });
}

function argsOf(ctx: Context, pairs: string[], schema: unknown): Record<string, unknown> {
  let base: Record<string, unknown> = {};
  if (ctx.values.args) {
    try {
      base = JSON.parse(ctx.values.args);
    } catch {
      throw new UsageError("--args must be a JSON object");
    }
    if (!base || typeof base !== "object" || Array.isArray(base)) {
      throw new UsageError("--args must be a JSON object");
    }
  }
  return parsePairs(pairs, schema as never, base);
}

async function tools(ctx: Context): Promise<number> {
  const client = await openClient(ctx, ctx.rest[0]);
  const list = await client.listTools();
  if (ctx.values.json) json(list);
  else for (const t of list) out(`${t.name}${t.description ? `  ${t.description}` : ""}`);
  return EXIT.ok;
}

async function call(ctx: Context): Promise<number> {
  const [source, name, ...pairs] = ctx.rest;
  if (!name) throw new UsageError("usage: mcpwire call <source> <tool> [key=value…]");
  const client = await openClient(ctx, source);
  const tool = (await client.listTools()).find((t) => t.name === name);
  if (!tool) throw new McpwireError("TOOL_ERROR", `the server has no tool '${name}'`);
  const result = await client.callTool(name, argsOf(ctx, pairs, tool.inputSchema), {
    raiseOnError: false,
  });
  if (!ctx.values.quiet && process.stderr.isTTY) process.stderr.write("\n");
  if (ctx.values.json) {
    json({
      content: result.content,
      structuredContent: result.structuredContent ?? null,
      isError: result.isError,
    });
  } else if (!result.isError) {
    for (const line of describeContent(result.content)) out(line);
    if (result.structuredContent !== undefined && result.content.length === 0) {
      json(result.structuredContent);
    }
  }
  if (result.isError) {
    err(`mcpwire: tool '${name}' reported an error: ${describeContent(result.content).join(" ")}`);
    return EXIT.toolError;
  }
  return EXIT.ok;
}

async function read(ctx: Context): Promise<number> {
  const [source, uri] = ctx.rest;
  if (!uri) throw new UsageError("usage: mcpwire read <source> <uri>");
  const client = await openClient(ctx, source);
  const contents = await client.readResource(uri);
  if (ctx.values.json) return (json(contents), EXIT.ok);
  for (const c of contents) {
    if ("text" in c) out(c.text);
    else if (ctx.values.out) {
      await writeFile(ctx.values.out, Uint8Array.from(atob(c.blob), (ch) => ch.charCodeAt(0)));
      err(`wrote ${ctx.values.out} (${c.mimeType ?? "binary"})`);
    } else {
      out(
        `[${c.mimeType ?? "binary"}, ${
          Math.floor(c.blob.length * 3 / 4)
        } bytes; use --out FILE to save]`,
      );
    }
  }
  return EXIT.ok;
}

async function prompt(ctx: Context): Promise<number> {
  const [source, name, ...pairs] = ctx.rest;
  if (!name) throw new UsageError("usage: mcpwire prompt <source> <name> [key=value…]");
  const client = await openClient(ctx, source);
  const strings = { properties: new Proxy({}, { get: () => ({ type: "string" }) }) };
  const result = await client.getPrompt(name, argsOf(ctx, pairs, strings));
  if (ctx.values.json) return (json(result), EXIT.ok);
  for (const m of result.messages) out(`${m.role}: ${describeContent([m.content]).join("")}`);
  return EXIT.ok;
}

async function complete(ctx: Context): Promise<number> {
  const [source, target, argument, value = "", ...pairs] = ctx.rest;
  if (!target || !argument) {
    throw new UsageError("usage: mcpwire complete <source> <prompt|template> <argument> [prefix]");
  }
  const client = await openClient(ctx, source);
  const ref = /[:{]/.test(target)
    ? { type: "ref/resource" as const, uri: target }
    : { type: "ref/prompt" as const, name: target };
  const context = pairs.length ? parsePairs(pairs, undefined) as Record<string, string> : undefined;
  const completion = await client.complete(ref, { name: argument, value }, context);
  if (ctx.values.json) json(completion);
  else for (const v of completion.values) out(v);
  return EXIT.ok;
}

async function types(ctx: Context): Promise<number> {
  const source = ctx.rest[0];
  const client = await openClient(ctx, source);
  const info = client.initializeResult?.serverInfo;
  const text = generateToolTypes(await client.listTools(), {
    origin: `${info?.name ?? source}${info?.version ? ` ${info.version}` : ""}`,
  });
  if (ctx.values.out) {
    await writeFile(ctx.values.out, text);
    err(`wrote ${ctx.values.out}`);
  } else out(text);
  return EXIT.ok;
}

const COMMANDS: Record<string, (ctx: Context) => Promise<number>> = {
  tools,
  call,
  read,
  prompt,
  complete,
  types,
  playground: (ctx) => playground(ctx.values),
  "serve-rest": (ctx) => serveRest(ctx.values, ctx.rest),
};

function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  const code = (error as { code?: unknown }).code;
  if (code === "CONNECTION" || code === "UNSUPPORTED_SOURCE" || code === "CONFIG") {
    return EXIT.unreachable;
  }
  if (code === "TOOL_ERROR" || code === "INPUT_VALIDATION") return EXIT.toolError;
  return EXIT.error;
}

/**
 * Runs the CLI.
 *
 * @param argv the arguments, without the runtime and script
 * @returns the exit code
 * @example
 * ```ts ignore
 * import { main } from "./cli.ts";
 * process.exitCode = await main(["call", "demo", "add", "a=1", "b=2"]);
 * ```
 */
export async function main(argv: string[]): Promise<number> {
  const ctx: Context = { values: {}, rest: [] };
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
    });
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      out(USAGE);
      return values.help ? EXIT.ok : EXIT.usage;
    }
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`unknown command '${command}' (try mcpwire --help)`);
    Object.assign(ctx, { values, rest });
    return await run(ctx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    err(`mcpwire: ${message.split("\n")[0]}`);
    return exitCodeOf(error);
  } finally {
    ctx.cleanup?.();
    await ctx.client?.close().catch(() => {});
  }
}
