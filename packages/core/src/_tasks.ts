/**
 * The requestor side of MCP tasks (the 2025-11-25 tasks utility, SEP-1686) for tool calls:
 * `tools/call` with a `task` field answers at once with a task; `tasks/get`, `tasks/result`,
 * `tasks/list` and `tasks/cancel` follow it. The SDK v2 client has the wire types but no runtime,
 * so these requests go on the session's request engine (legacy era). On the modern era (2026-07-28)
 * no task is created: the call runs as a plain call and its task is complete at once.
 */
import type { Task, Tool } from "@modelcontextprotocol/client";
import { InputValidationError, McpError, NotConnectedError } from "./errors.ts";
import { checkToolResult } from "./_check-tool-result.ts";
import { isObject } from "./_is-object.ts";
import { validateJsonSchema } from "./_json-schema.ts";
import { mapError } from "./_map-error.ts";
import { requestOptions } from "./_connection.ts";
import type { Session } from "./_session.ts";
import type { RawToolResult } from "./_tool-result.ts";
import { createToolTask, type ToolTask } from "./tool-task.ts";
import type { StandardSchemaV1 } from "./standard-schema.ts";
import type {
  CallToolOptions,
  CallToolResult,
  ClientOptions,
  RequestOptions,
  ToolTaskOptions,
} from "./types.ts";

const STATUSES = new Set(["working", "input_required", "completed", "failed", "cancelled"]);
const TERMINAL = new Set(["completed", "failed", "cancelled"]);
const INVALID_RESULT = -32603;
const METHOD_NOT_FOUND = -32601;

/** Whether a task's status is final. */
export function isTerminal(task: Task): boolean {
  return TERMINAL.has(task.status);
}

/** The task requests of one session, with failures mapped to mcpwire errors. */
export class TaskChannel {
  readonly session: Session;
  readonly #defaults: Readonly<ClientOptions>;

  constructor(session: Session, defaults: Readonly<ClientOptions>) {
    this.session = session;
    this.#defaults = defaults;
  }

  /** The server's name, for messages. */
  get serverName(): string {
    return this.session.serverName;
  }

  /** The client's default per-request timeout. */
  get timeout(): number | undefined {
    return this.#defaults.timeout;
  }

  /**
   * Sends one request and returns its raw result object.
   *
   * @throws {McpwireError} mapped as for any request; `NotConnectedError` when the session closed
   */
  async request(
    method: string,
    params: Record<string, unknown>,
    what: string,
    options: RequestOptions = {},
  ): Promise<Record<string, unknown>> {
    const session = this.session;
    if (session.era !== "legacy" || session.lost) {
      throw session.lost ??
        new NotConnectedError(`cannot send ${what}: the session with '${this.serverName}' closed`);
    }
    const o = requestOptions(options, this.#defaults);
    const { timeout, signal } = o;
    try {
      const raw = await session.send(method, params, o);
      if (isObject(raw)) return raw;
    } catch (error) {
      const server = this.serverName;
      throw mapError(error, { server, what, timeout, signal, lost: session.lost });
    }
    throw invalid(this.serverName, what, "expected an object");
  }

  /** `tasks/get`: the task's current state. */
  async get(taskId: string, options?: RequestOptions): Promise<Task> {
    const what = `tasks/get '${taskId}'`;
    return parseTask(await this.request("tasks/get", { taskId }, what, options), this, what);
  }

  /** `tasks/cancel`: asks the server to cancel; returns the task's state after it. */
  async cancel(taskId: string, options?: RequestOptions): Promise<Task> {
    const what = `tasks/cancel '${taskId}'`;
    return parseTask(await this.request("tasks/cancel", { taskId }, what, options), this, what);
  }

  /** `tasks/result`: the original request's result (the server holds it until the task ends). */
  async payload(taskId: string, options?: RequestOptions): Promise<RawToolResult> {
    const what = `tasks/result '${taskId}'`;
    const raw = await this.request("tasks/result", { taskId }, what, options);
    try {
      return checkToolResult(raw);
    } catch (error) {
      throw mapError(error, { server: this.serverName, what });
    }
  }

  /** `tasks/list`, every page. */
  async list(options?: RequestOptions): Promise<Task[]> {
    const tasks: Task[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const params = cursor === undefined ? {} : { cursor };
      const page = await this.request("tasks/list", params, "tasks/list", options);
      if (!Array.isArray(page.tasks)) {
        throw invalid(this.serverName, "tasks/list", "tasks: expected an array");
      }
      for (const task of page.tasks) tasks.push(parseTask(task, this, "tasks/list"));
      cursor = typeof page.nextCursor === "string" ? page.nextCursor : undefined;
      if (cursor !== undefined && seen.has(cursor)) break; // a server repeating a cursor
      if (cursor !== undefined) seen.add(cursor);
    } while (cursor !== undefined);
    return tasks;
  }
}

/**
 * Checks a task object from the wire.
 *
 * @throws {McpError} `-32603` naming the server and request when it is not a task
 */
export function parseTask(raw: unknown, channel: { serverName: string }, what: string): Task {
  const task = isObject(raw) && isObject(raw.task) ? raw.task : raw;
  if (!isObject(task) || typeof task.taskId !== "string") {
    throw invalid(channel.serverName, what, "taskId: expected a string");
  }
  if (typeof task.status !== "string" || !STATUSES.has(task.status)) {
    throw invalid(channel.serverName, what, `status: unknown ${JSON.stringify(task.status)}`);
  }
  const { _meta: _, ...rest } = task;
  return rest as Task;
}

function invalid(server: string, what: string, problem: string): McpError {
  return new McpError(
    INVALID_RESULT,
    `server '${server}' sent an invalid result for ${what}: ${problem}`,
  );
}

/** Whether the session can run tool calls as tasks (legacy era, and the server says so). */
export function tasksOffered(session: Session): boolean {
  if (session.era !== "legacy") return false;
  const tasks = session.result?.capabilities.tasks as { requests?: { tools?: { call?: unknown } } };
  return isObject(tasks?.requests?.tools) && tasks.requests.tools.call !== undefined;
}

/** The tool's `execution.taskSupport` from the session's tool index, when listed. */
export function taskSupport(session: Session, name: string): string | undefined {
  const execution = (session.tools?.get(name)?.tool as Tool | undefined)?.execution;
  return execution?.taskSupport;
}

/** The plain `callTool` body, passed in so this module needs no second copy of it. */
export type PlainCall = (
  session: Session,
  options: CallToolOptions<StandardSchemaV1 | undefined>,
) => Promise<CallToolResult>;

/** Everything a task call needs besides the session. */
export interface TaskCall {
  name: string;
  args: Record<string, unknown>;
  options: ToolTaskOptions<StandardSchemaV1 | undefined>;
  defaults: Readonly<ClientOptions>;
  listTools: () => Promise<Tool[]>;
  plain: PlainCall;
  track: (task: ToolTask) => void;
}

/**
 * Starts a tool call as a task. Without task support (modern era, or a server that does not run
 * tools as tasks) the call runs at once and the task is already complete.
 *
 * @throws {InputValidationError} when the arguments do not match the tool's input schema
 * @throws {McpError} when the server refuses the call (a tool whose `taskSupport` is `forbidden`)
 */
export async function startToolTask(session: Session, call: TaskCall): Promise<ToolTask> {
  const { name, args, options } = call;
  if (!session.tools) await session.loadTools(call.listTools);
  if (!tasksOffered(session)) {
    if (taskSupport(session, name) === "required") throw cannotRunAsTask(session, name);
    const result = await call.plain(session, {
      ...options,
      raiseOnError: false,
      schema: undefined,
    });
    return createToolTask({ immediate: result, name, options, server: session.serverName });
  }
  const entry = session.tools?.get(name);
  if (entry) {
    const issues = validateJsonSchema(entry.tool.inputSchema, args);
    if (issues.length > 0) {
      throw new InputValidationError(name, issues, { server: session.serverName });
    }
  }
  const channel = new TaskChannel(session, call.defaults);
  const onProgress = options.onProgress ?? call.defaults.progressHandler;
  const token = onProgress ? session.trackProgress(onProgress) : undefined;
  const meta = token ? { ...options.meta, progressToken: token } : options.meta;
  const task = options.ttl === undefined ? {} : { ttl: options.ttl };
  const params = { name, arguments: args, task, ...(meta && { _meta: meta }) };
  const release = () => token ? session.untrackProgress(token) : Promise.resolve();
  let raw: Record<string, unknown>;
  try {
    raw = await channel.request("tools/call", params, `tools/call '${name}'`, options);
  } catch (error) {
    await release();
    throw error;
  }
  if (!isObject(raw.task)) {
    // a server may answer a task-augmented call with the plain result
    await release();
    const plain = checkRaw(raw, channel, name);
    return createToolTask({
      immediateRaw: plain,
      tool: entry?.tool,
      name,
      options,
      server: channel.serverName,
    });
  }
  const created = parseTask(raw, channel, `tools/call '${name}'`);
  const handle = createToolTask({
    channel,
    task: created,
    tool: entry?.tool,
    name,
    options,
    release,
  });
  call.track(handle);
  return handle;
}

function cannotRunAsTask(session: Session, name: string): McpError {
  const era = session.era === "legacy"
    ? "the server does not offer tasks for tools/call (capabilities.tasks.requests.tools.call)"
    : "mcpwire does not run tasks on the 2026-07-28 era; connect with protocol 'legacy'";
  return new McpError(
    METHOD_NOT_FOUND,
    `tool '${name}' on server '${session.serverName}' must run as a task (execution.taskSupport ` +
      `"required"), but ${era}`,
  );
}

function checkRaw(raw: Record<string, unknown>, channel: TaskChannel, name: string): RawToolResult {
  try {
    return checkToolResult(raw);
  } catch (error) {
    throw mapError(error, { server: channel.serverName, what: `tools/call '${name}'` });
  }
}

/**
 * The tasks this client started, by id (held weakly), so `getTask(id)` returns the same handle and
 * `notifications/tasks/status` reaches it.
 */
export class TaskRegistry {
  readonly #tasks = new Map<string, WeakRef<ToolTask>>();

  /** Remembers a task. */
  track(task: ToolTask): void {
    for (const [id, ref] of this.#tasks) if (!ref.deref()) this.#tasks.delete(id);
    this.#tasks.set(task.taskId, new WeakRef(task));
  }

  /** A handle on a task this client did not start (its tool unknown), remembered from now on. */
  adopt(channel: TaskChannel, task: Task): ToolTask {
    const release = () => Promise.resolve();
    const handle = createToolTask({
      channel,
      task,
      tool: undefined,
      name: undefined,
      options: { task: true },
      release,
    });
    this.track(handle);
    return handle;
  }

  /** The live handle of a task, if this client started it. */
  get(taskId: string): ToolTask | undefined {
    return this.#tasks.get(taskId)?.deref();
  }

  /** Hands a `notifications/tasks/status` to its task. */
  notify(params: Record<string, unknown> | undefined): void {
    if (typeof params?.taskId !== "string") return;
    const task = this.get(params.taskId);
    if (!task || typeof params.status !== "string" || !STATUSES.has(params.status)) return;
    task.observe(parseTask(params, { serverName: task.serverName }, "notifications/tasks/status"));
  }
}
