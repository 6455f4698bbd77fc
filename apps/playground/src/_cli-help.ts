// The CLI's help texts and its one exit-code table, applied to every subcommand.
import { RefusedError, UsageError } from "./_cli-source.ts";

/** The CLI's exit codes (see {@linkcode EXIT_CODES}). */
export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  timeout: 3,
  unreachable: 4,
  serverError: 5,
  interrupted: 130,
} as const;

/** What each exit code means, as `--help` prints it. */
export const EXIT_CODES: string = `exit codes (every command):
  0  ok
  1  unexpected error (a bug: please report it)
  2  usage: unknown command or option, missing or extra arguments, a bad option value,
     arguments that do not fit the tool's or prompt's schema, --server naming no server
  3  timeout (--timeout, --max-timeout)
  4  server unreachable, or a bad source or config (missing, invalid, a server that exits)
  5  the server refused: a tool error (isError), an unknown tool, prompt or resource, any
     JSON-RPC error it answered
  130  interrupted (Ctrl-C) while a task ran (call --task); the task was cancelled first`;

const SOURCE = "  <source>  demo | http(s)://… URL | server file (.py .js .ts …) | mcp.json config";
const COMMON = `  --server NAME    with a config: the server to use
  --timeout MS     request timeout (default 60000), started again by each progress
                   notification
  --max-timeout MS the most a request may take in all, progress or not
  --quiet          no progress, server logs or server stderr on stderr
  --json           machine-readable output on stdout`;

/** Per-command help: `mcpwire <command> --help` or `mcpwire help <command>`. */
export const HELP: Record<string, string> = {
  tools: `usage: mcpwire tools <source> [options]

List the server's tools (name and description; --json: the full listing).

${SOURCE}

${COMMON}`,
  call: `usage: mcpwire call <source> <tool> [key=value…] [options]

Call a tool. Values are typed by the tool's input schema (numbers, true/false, JSON for arrays
and objects); dotted keys set nested fields (options.prefix=>). Required arguments are checked
before the call. Progress and the server's log messages go to stderr.

${SOURCE}

  --args JSON      the arguments as one JSON object (key=value pairs are merged into it)
  --interactive    answer elicitation and sampling requests at the terminal (default when
                   stdin is a terminal)
  --task           run the tool as an MCP task (its execution.taskSupport is required or
                   optional): status changes on stderr, the result as usual; Ctrl-C or
                   --timeout (then the whole task's deadline) cancel the task on the server
${COMMON}`,
  read: `usage: mcpwire read <source> <uri> [--out FILE] [options]

Read a resource: text as is; binary contents described, or written with --out FILE.

${SOURCE}

${COMMON}`,
  prompt: `usage: mcpwire prompt <source> <name> [key=value…] [options]

Render a prompt's messages. Required arguments are checked before the request.

${SOURCE}

  --args JSON      the arguments as one JSON object
${COMMON}`,
  complete: `usage: mcpwire complete <source> <prompt|template> <argument> [prefix] [key=value…]

Completions for an argument of a prompt or of a resource template (a template has ':' or '{'),
one per line; key=value pairs give the other arguments as context.

${SOURCE}

${COMMON}`,
  types: `usage: mcpwire types <source> [--out FILE] [options]

Write a TypeScript module for the server's tools: an …Args interface and a …Result type per
tool, a Tools map and a typed callTool helper.

${SOURCE}

${COMMON}`,
  playground: `usage: mcpwire playground [options]

Serve the web playground (http://127.0.0.1:5173) until Ctrl-C.

  -p, --port N     port (default 5173; 0 picks a free one)
  -H, --host ADDR  address (default 127.0.0.1)
  -c, --config F   an mcpServers config whose servers are shown too
  --no-demo        without the embedded demo server
  --allow-remote   serve a non-loopback address (the playground has no authentication!)`,
  "serve-rest": `usage: mcpwire serve-rest <source> [options]   or   mcpwire serve-rest --config F

Serve a server (or every server of a config) as REST + OpenAPI (port 8787) until Ctrl-C.

${SOURCE}

  -p, --port N     port (default 8787)
  -H, --host ADDR  address (default 127.0.0.1)
  -c, --config F   an mcpServers config
  --server NAME    with a config: only this server`,
  "demo-server": `usage: mcpwire demo-server

Serve the playground's demo server (every MCP feature) over stdio until stdin ends, for any MCP
client: { "command": "npx", "args": ["mcpwire", "demo-server"] }.`,
};

/** The global help. */
export const USAGE: string = `usage: mcpwire <command> [options]

  tools <source>                       list the tools
  call <source> <tool> [key=value…]    call a tool (values typed by its schema; --args JSON)
  read <source> <uri>                  read a resource (--out FILE for binary contents)
  prompt <source> <name> [key=value…]  render a prompt
  complete <source> <prompt|template> <argument> [prefix]
                                       completions for a prompt or resource-template argument
  types <source> [--out FILE]          TypeScript types for every tool of the server
  playground [--config mcp.json]       start the web playground (http://127.0.0.1:5173)
  serve-rest <source>                  serve a server (or --config) as REST + OpenAPI
  demo-server                          the demo server over stdio (for any MCP client)

${SOURCE}

options:
${COMMON}
  --args JSON      tool or prompt arguments as one JSON object (key=value pairs are merged in)
  --interactive    answer elicitation and sampling requests at the terminal (default: when
                   stdin is a terminal)
  -o, --out FILE   read / types: write to FILE
  -p, --port N     playground / serve-rest port (default 5173 / 8787)
  -H, --host ADDR  playground / serve-rest address (default 127.0.0.1)
  -c, --config F   playground / serve-rest: an mcpServers config
  --no-demo        playground: without the demo server
  --allow-remote   playground: serve a non-loopback address (no authentication!)
  -h, --help       this help; mcpwire <command> --help for one command
  -v, --version    the version

${EXIT_CODES}`;

const BY_CODE: Record<string, number> = {
  INPUT_VALIDATION: EXIT.usage,
  TIMEOUT: EXIT.timeout,
  CONNECTION: EXIT.unreachable,
  NOT_CONNECTED: EXIT.unreachable,
  UNSUPPORTED_SOURCE: EXIT.unreachable,
  CONFIG: EXIT.unreachable,
  MISSING_PACKAGE: EXIT.unreachable,
  AUTH: EXIT.unreachable,
  HTTP: EXIT.unreachable,
  TOOL_ERROR: EXIT.serverError,
  MCP_ERROR: EXIT.serverError,
  OUTPUT_VALIDATION: EXIT.serverError,
  INTERRUPTED: EXIT.interrupted,
};

/** The exit code of an error, by the table above. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof RefusedError) return EXIT.serverError;
  const code = String((error as { code?: unknown })?.code ?? "");
  // node:util parseArgs: unknown option, missing or unexpected option value.
  if (code.startsWith("ERR_PARSE_ARGS")) return EXIT.usage;
  return BY_CODE[code] ?? EXIT.error;
}
