/**
 * MCP tasks (the 2025-11-25 tasks utility) for the demo server. The SDK v2 server has the wire
 * types but no task runtime, so this small one answers a task-augmented `tools/call` with a task
 * at once, runs the tool in the background and serves `tasks/get`, `tasks/result`, `tasks/list`,
 * `tasks/cancel` and `notifications/tasks/status`. A task that needs input goes `input_required`;
 * its elicitation is sent on the next `tasks/result` request, as the spec says.
 */
import {
  type McpServer,
  ProtocolError,
  ProtocolErrorCode,
  type RegisteredTool,
  type Transport,
} from "@modelcontextprotocol/server";

type Status = "working" | "input_required" | "completed" | "failed" | "cancelled";
type Text = { type: "text"; text: string };
/** What a task tool returns. */
export type TaskToolResult = { content: Text[]; isError?: boolean };
type Ask = {
  message: string;
  requestedSchema: { type: "object"; properties: Record<string, Record<string, unknown>> };
};
/** What a task answers. */
export type Answer = { action: "accept" | "decline" | "cancel"; content?: Record<string, unknown> };

/** What a task tool's body gets: status updates, a way to ask the person, the cancel signal. */
export interface TaskControl {
  update(message: string): Promise<void>;
  ask(question: Ask): Promise<Answer>;
  signal: AbortSignal;
}

interface Entry {
  task: Record<string, unknown> & { taskId: string; status: Status };
  result?: TaskToolResult;
  question?: { ask: Ask; answer: (a: Answer) => void; fail: (e: unknown) => void };
  controller: AbortController;
  changed: Promise<void>;
  wake: () => void;
}

const RELATED = "io.modelcontextprotocol/related-task";
const TERMINAL = new Set<Status>(["completed", "failed", "cancelled"]);
const KEEP = 100;

/** The task tools of one demo server. */
export class DemoTasks {
  readonly #server: McpServer;
  readonly #tasks = new Map<string, Entry>();
  readonly #tools = new Map<string, { run: Body; support: "optional" | "required" }>();
  #next = 1;

  constructor(server: McpServer) {
    this.#server = server;
    server.server.registerCapabilities({
      tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } },
    } as never);
    // the 2025-era method types of the SDK v2 server leave the tasks methods out
    const low = server.server as unknown as {
      setRequestHandler(
        method: string,
        handler: (request: { params: { taskId: string } }, ctx: unknown) => unknown,
      ): void;
    };
    low.setRequestHandler("tasks/get", (r) => this.#entry(r.params.taskId).task as never);
    low.setRequestHandler(
      "tasks/list",
      () => ({ tasks: [...this.#tasks.values()].map((e) => e.task) }) as never,
    );
    low.setRequestHandler("tasks/cancel", (r) => this.#cancel(r.params.taskId) as never);
    low.setRequestHandler("tasks/result", (r, ctx) => this.#result(r.params.taskId, ctx) as never);
  }

  /**
   * Makes `tool` (registered on the server with the same body for plain calls) a task tool: its
   * `execution.taskSupport` is set and a task-augmented call runs `run` as a task.
   */
  add(name: string, tool: RegisteredTool, support: "optional" | "required", run: Body): void {
    this.#tools.set(name, { run, support });
    tool.execution = { taskSupport: support };
  }

  /**
   * Answers task-augmented `tools/call` requests of the task tools before the server sees them
   * (McpServer's `tools/call` handler has no task path): each connection's incoming messages pass
   * here first, and a task tool's call is answered at once with its task.
   */
  install(): void {
    const server = this.#server;
    const connect = server.connect.bind(server);
    server.connect = async (transport: Transport) => {
      await connect(transport);
      const deliver = transport.onmessage;
      transport.onmessage = (message, extra) => {
        const reply = this.#intercept(message as unknown as Incoming);
        if (!reply) return deliver?.(message, extra);
        transport.send(reply as never).catch(() => {});
      };
    };
  }

  #intercept(message: Incoming): unknown {
    if (message.method !== "tools/call" || message.id === undefined || !message.params) {
      return undefined;
    }
    const tool = this.#tools.get(message.params.name);
    if (!tool || (!message.params.task && tool.support !== "required")) return undefined;
    const envelope = { jsonrpc: "2.0", id: message.id };
    if (!message.params.task) {
      const text = `tool '${message.params.name}' must be called as a task`;
      return { ...envelope, error: { code: ProtocolErrorCode.MethodNotFound, message: text } };
    }
    return { ...envelope, result: { task: this.#start(tool.run, message.params) } };
  }

  /** Ends every running task (the server is closing). */
  close(): void {
    for (const entry of this.#tasks.values()) entry.controller.abort(new Error("server closed"));
  }

  #start(
    run: Body,
    params: CallRequest["params"],
  ): Entry["task"] {
    const now = new Date().toISOString();
    const taskId = `demo-task-${this.#next++}`;
    const entry = {
      task: {
        taskId,
        status: "working" as Status,
        createdAt: now,
        lastUpdatedAt: now,
        ttl: params.task?.ttl ?? 600_000,
        pollInterval: 200,
      },
      controller: new AbortController(),
      changed: Promise.resolve(),
      wake: () => {},
    } as Entry;
    this.#renew(entry);
    this.#tasks.set(taskId, entry);
    this.#prune();
    const control: TaskControl = {
      signal: entry.controller.signal,
      update: (message) => this.#set(entry, "working", message),
      ask: (ask) =>
        new Promise<Answer>((answer, fail) => {
          entry.question = { ask, answer, fail };
          this.#set(entry, "input_required", "waiting for your answer").catch(fail);
        }),
    };
    run(params.arguments ?? {}, control).then(
      (result) => this.#end(entry, result.isError ? "failed" : "completed", result),
      (error) => {
        const text = error instanceof Error ? error.message : String(error);
        return this.#end(entry, "failed", { content: [{ type: "text", text }], isError: true });
      },
    ).catch(() => {});
    return { ...entry.task };
  }

  #renew(entry: Entry): void {
    entry.changed = new Promise((resolve) => entry.wake = resolve);
  }

  async #set(entry: Entry, status: Status, message?: string): Promise<void> {
    if (TERMINAL.has(entry.task.status)) return;
    entry.task = { ...entry.task, status, lastUpdatedAt: new Date().toISOString() };
    if (message === undefined) delete entry.task.statusMessage;
    else entry.task.statusMessage = message;
    const wake = entry.wake;
    this.#renew(entry);
    wake();
    await this.#server.server.notification({
      method: "notifications/tasks/status",
      params: { ...entry.task },
    } as never).catch(() => {});
  }

  async #end(entry: Entry, status: Status, result: TaskToolResult): Promise<void> {
    if (TERMINAL.has(entry.task.status)) return;
    entry.result = result;
    await this.#set(entry, status, status === "completed" ? undefined : result.content[0]?.text);
  }

  #entry(taskId: string): Entry {
    const entry = this.#tasks.get(taskId);
    if (!entry) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `no task '${taskId}'`);
    return entry;
  }

  async #cancel(taskId: string): Promise<Entry["task"]> {
    const entry = this.#entry(taskId);
    if (TERMINAL.has(entry.task.status)) {
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        `task '${taskId}' has already ended`,
      );
    }
    entry.result = { content: [{ type: "text", text: "cancelled" }], isError: true };
    await this.#set(entry, "cancelled", "cancelled by the client");
    entry.controller.abort(new Error("cancelled"));
    entry.question?.fail(new Error("cancelled"));
    return { ...entry.task };
  }

  /** Waits for the end, sending the task's questions on this request meanwhile. */
  async #result(taskId: string, ctx: unknown): Promise<unknown> {
    const entry = this.#entry(taskId);
    const elicit = (ctx as { mcpReq: { elicitInput(p: unknown): Promise<Answer> } }).mcpReq
      .elicitInput;
    while (!TERMINAL.has(entry.task.status)) {
      const question = entry.question;
      if (question) {
        entry.question = undefined;
        const answer = await elicit({
          mode: "form",
          ...question.ask,
          _meta: { [RELATED]: { taskId } },
        }).catch((error) => (question.fail(error), undefined));
        if (answer) {
          await this.#set(entry, "working", `answered: ${answer.action}`);
          question.answer(answer);
        }
      } else await entry.changed;
    }
    return { ...entry.result, _meta: { [RELATED]: { taskId } } };
  }

  #prune(): void {
    for (const [id, entry] of this.#tasks) {
      if (this.#tasks.size <= KEEP) return;
      if (TERMINAL.has(entry.task.status)) this.#tasks.delete(id);
    }
  }
}

type Body = (args: Record<string, unknown>, t: TaskControl) => Promise<TaskToolResult>;
type Incoming = Partial<CallRequest> & { id?: string | number; method?: string };
type CallRequest = {
  params: { name: string; arguments?: Record<string, unknown>; task?: { ttl?: number } };
};
