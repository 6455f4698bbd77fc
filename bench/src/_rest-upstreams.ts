// The stdio MCP servers the REST benchmarks (rest.ts, rest-binding.ts) put behind the binding: a
// minimal SDK v2 server with one tool `add` (so the binding's own cost shows) and
// server-everything with its tool `echo` (a real server, as users put behind the binding).
import process from "node:process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** What a REST/ceiling JSON body or a direct `callTool` result holds that the checks read. */
export interface ToolAnswer {
  content?: { text?: string }[];
  data?: unknown;
}

/** One stdio MCP server under test: its script, the tool called, the JSON POSTed and the check. */
export interface RestUpstream {
  /** Its name in `mcpServers` and in the binding's route `/v1/servers/{id}/tools/{tool}`. */
  id: "minimal" | "everything";
  /** How the tables name it. */
  label: string;
  /** The server's script, and the arguments after it. */
  script: string;
  args: string[];
  tool: "add" | "echo";
  /** The JSON request body: the tool's arguments. */
  body: string;
  /** True when `answer` is the right result of calling `tool` with `body`. */
  ok: (answer: ToolAnswer) => boolean;
}

/** Every stdio server under test, by id, in the order the tables list them. */
export const REST_UPSTREAMS: Readonly<Record<RestUpstream["id"], RestUpstream>> = {
  minimal: {
    id: "minimal",
    label: "add (minimal)",
    script: `${ROOT}packages/bindings-rest/test/fixtures/add-server.ts`,
    args: [],
    tool: "add",
    body: '{"a":1,"b":1}',
    ok: (a) => (a.data as { sum?: number } | undefined)?.sum === 2,
  },
  everything: {
    id: "everything",
    label: "server-everything",
    script: `${ROOT}node_modules/@modelcontextprotocol/server-everything/dist/index.js`,
    args: ["stdio"],
    tool: "echo",
    body: '{"message":"hi"}',
    ok: (a) => a.content?.[0]?.text === "Echo: hi",
  },
};

/** The upstream named `id`, or undefined when there is none (`UPSTREAMS`/`SERVERS` knobs). */
export function restUpstream(id: string): RestUpstream | undefined {
  return Object.hasOwn(REST_UPSTREAMS, id) ? REST_UPSTREAMS[id as RestUpstream["id"]] : undefined;
}

/** Arguments for the current runtime's executable that run `file` with `rest` after it. */
export type Launch = (file: string, ...rest: string[]) => string[];

/** An `mcpServers` entry: a stdio server started from the repository's root. */
export interface StdioEntry {
  command: string;
  args: string[];
  cwd: string;
}

/**
 * The `mcpServers` of a config holding `upstreams`, each run by the current runtime's executable
 * with the arguments `launch` gives.
 *
 * @example
 * ```ts
 * const config = { mcpServers: mcpServersOf([REST_UPSTREAMS.minimal], (f, ...r) => [f, ...r]) };
 * ```
 */
export function mcpServersOf(
  upstreams: readonly RestUpstream[],
  launch: Launch,
): Record<string, StdioEntry> {
  return Object.fromEntries(upstreams.map((u) => [u.id, {
    command: process.execPath,
    args: launch(u.script, ...u.args),
    cwd: ROOT,
  }]));
}
