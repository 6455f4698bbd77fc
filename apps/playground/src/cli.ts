/**
 * The `mcpwire` command line: explore and call any MCP server, start the playground, serve REST,
 * and write TypeScript types for a server's tools.
 *
 * @module
 */
import { type CallToolResult, Client, type Tool } from "@mcpwire/core";
import { readFile, writeFile } from "node:fs/promises";
import process from "node:process";
import { parseArgs } from "node:util";
import { parsePairs } from "./_cli-args.ts";
import { terminalHandlers } from "./_cli-prompt.ts";
import { EXIT, exitCodeOf, HELP, USAGE } from "./_cli-help.ts";
import { describeContent, err, json, out, progressBar } from "./_cli-output.ts";
import { runAsTask } from "./_cli-task.ts";
import { RefusedError, resolveSource, UsageError } from "./_cli-source.ts";

const OPTIONS = {
  server: { type: "string" },
  args: { type: "string" },
  json: { type: "boolean" },
  timeout: { type: "string" },
  "max-timeout": { type: "string" },
  quiet: { type: "boolean" },
  interactive: { type: "boolean" },
  task: { type: "boolean" },
  out: { type: "string", short: "o" },
  port: { type: "string", short: "p" },
  host: { type: "string", short: "H" },
  config: { type: "string", short: "c" },
  "no-demo": { type: "boolean" },
  "allow-remote": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

export { EXIT } from "./_cli-help.ts";

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>["values"];

interface Context {
  values: Values;
  rest: string[];
  client?: Client;
  bar?: { done(): void };
  cleanup?: () => void;
}

/** Checks that every required argument is given, before the request. */
function checkRequired(kind: string, name: string, required: readonly string[], args: object) {
  const missing = required.filter((key) => !(key in args));
  if (missing.length > 0) {
    throw new UsageError(
      `${kind} '${name}' needs ${missing.map((k) => `'${k}'`).join(", ")} ` +
        `(give ${missing.map((k) => `${k}=…`).join(" ")})`,
    );
  }
}

function msOf(values: Values, option: "timeout" | "max-timeout"): number | undefined {
  const given = values[option];
  if (given === undefined) return undefined;
  const ms = Number(given);
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new UsageError(`--${option} must be a positive number of milliseconds, got '${given}'`);
  }
  return ms;
}

const timeoutOf = (values: Values) => msOf(values, "timeout");

/**
 * The client's timeouts: `--timeout` starts again at each progress notification (a long call
 * that reports progress is not cut off), `--max-timeout` bounds a request in all. With --task,
 * --timeout is the whole task's deadline (counted from its creation), not each request's.
 */
function timeoutOptions(values: Values) {
  const timeout = values.task ? undefined : timeoutOf(values);
  const maxTotalTimeout = msOf(values, "max-timeout");
  return {
    ...(timeout ? { timeout } : {}),
    resetTimeoutOnProgress: true,
    ...(maxTotalTimeout ? { maxTotalTimeout } : {}),
  };
}

/** Where stdio servers' stderr goes: prefixed with the server's name, or nowhere (--quiet). */
function serverStderr(values: Values, source: string) {
  if (values.quiet) return "ignore" as const;
  const fallback = source.split(/[\\/]/).pop() ?? source;
  return (line: string, server?: string) => err(`[${server ?? fallback}] ${line}`);
}

// `types` wants every tool the server can list: some servers list a tool only to clients that
// declare sampling, elicitation or roots, so it declares them all (and refuses their requests).
const EVERY_CAPABILITY = {
  samplingHandler: () => Promise.reject(new Error("mcpwire types does not answer sampling")),
  elicitationHandler: () => Promise.resolve({ action: "decline" as const }),
  roots: [],
};

function openClient(
  ctx: Context,
  source: string | undefined,
  capabilities: Partial<typeof EVERY_CAPABILITY> = {},
): Promise<Client> {
  if (!source) throw new UsageError("missing <source> (see mcpwire --help)");
  const { values } = ctx;
  const timeouts = timeoutOptions(values);
  return resolveSource(source, values.server).then((src) => {
    const bar = progressBar();
    ctx.bar = bar;
    const terminal = values.interactive ?? process.stdin.isTTY === true
      ? terminalHandlers()
      : undefined;
    ctx.cleanup = terminal?.close;
    ctx.client = new Client(src, {
      ...capabilities,
      ...terminal?.handlers,
      ...timeouts,
      stderr: serverStderr(values, source),
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
  if (ctx.rest.length > 1) throw new UsageError("usage: mcpwire tools <source>");
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
  if (!tool) throw new RefusedError(`the server has no tool '${name}'`);
  const args = argsOf(ctx, pairs, tool.inputSchema);
  checkRequired("tool", name, (tool.inputSchema as { required?: string[] }).required ?? [], args);
  const result: CallToolResult = ctx.values.task
    ? await runAsTask(client, tool as Tool, args, timeoutOf(ctx.values), ctx.values.quiet)
    : await client.callTool(name, args, { raiseOnError: false });
  ctx.bar?.done();
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
    return EXIT.serverError;
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
  const found = (await client.listPrompts()).find((p) => p.name === name);
  if (!found) throw new RefusedError(`the server has no prompt '${name}'`);
  const strings = { properties: new Proxy({}, { get: () => ({ type: "string" }) }) };
  const args = argsOf(ctx, pairs, strings);
  const required = (found.arguments ?? []).filter((a) => a.required).map((a) => a.name);
  checkRequired("prompt", name, required, args);
  const result = await client.getPrompt(name, args);
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
  if (ctx.rest.length > 1) throw new UsageError("usage: mcpwire types <source> [--out FILE]");
  const client = await openClient(ctx, source, EVERY_CAPABILITY);
  const info = client.initializeResult?.serverInfo;
  const { generateToolTypes } = await import("./tool-types.ts");
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
  // The serving commands load the playground, the REST binding and the demo server: only when run.
  playground: async (ctx) => {
    if (ctx.rest.length > 0) throw new UsageError("usage: mcpwire playground [options]");
    return await (await import("./_cli-serve.ts")).playground(ctx.values);
  },
  "serve-rest": async (ctx) => (await import("./_cli-serve.ts")).serveRest(ctx.values, ctx.rest),
  "demo-server": async (ctx) => {
    if (ctx.rest.length > 0) throw new UsageError("usage: mcpwire demo-server");
    return await (await import("./_cli-serve.ts")).demoServer();
  },
};

function help(command: string | undefined): number {
  if (command === undefined) return (out(USAGE), EXIT.ok);
  const text = HELP[command];
  if (!text) throw new UsageError(`unknown command '${command}' (try mcpwire --help)`);
  return (out(text), EXIT.ok);
}

async function version(): Promise<string> {
  const text = await readFile(new URL("../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

/** The first line of an error's message; parseArgs' advice about '--' is left out. */
function messageOf(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
  const code = String((error as { code?: unknown })?.code ?? "");
  if (!code.startsWith("ERR_PARSE_ARGS")) return message;
  return `${message.replace(/\. To specify a positional.*$/, "")} (see mcpwire --help)`;
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
    if (values.version) return (out(`mcpwire ${await version()}`), EXIT.ok);
    if (command === "help") return help(rest[0]);
    if (!command) {
      (values.help ? out : err)(USAGE);
      return values.help ? EXIT.ok : EXIT.usage;
    }
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`unknown command '${command}' (try mcpwire --help)`);
    if (values.help) return help(command);
    Object.assign(ctx, { values, rest });
    return await run(ctx);
  } catch (error) {
    ctx.bar?.done();
    err(`mcpwire: ${messageOf(error)}`);
    return exitCodeOf(error);
  } finally {
    ctx.cleanup?.();
    await ctx.client?.close().catch(() => {});
  }
}
