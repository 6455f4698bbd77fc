/**
 * `ToolTask`: a tool call running as an MCP task, as `client.callTool(name, args, { task: true })`
 * returns it.
 *
 * @module
 */
import type { Task, Tool } from "@modelcontextprotocol/client";
import { CancelledError, McpwireError, TimeoutError } from "./errors.ts";
import { reportHandlerError } from "./_notifications.ts";
import { isTerminal, type TaskChannel } from "./_tasks.ts";
import { applySchema, type RawToolResult, toCallToolResult } from "./_tool-result.ts";
import type { StandardSchemaV1 } from "./standard-schema.ts";
import type { CallToolResult, RequestOptions, ToolTaskOptions } from "./types.ts";

/** How often `result()` asks for the status when neither the caller nor the server says. */
const DEFAULT_POLL_INTERVAL = 1000;

/** Receives a task's status whenever it changes. */
export type TaskStatusListener = (task: Task) => void | Promise<void>;

/** How a `ToolTask` is made (internal). */
export type ToolTaskInit =
  & { name: string | undefined; options: ToolTaskOptions<StandardSchemaV1 | undefined> }
  & (
    | {
      channel: TaskChannel;
      task: Task;
      tool: Tool | undefined;
      release: () => Promise<void>;
    }
    | { immediateRaw: RawToolResult; tool: Tool | undefined; server: string }
    | { immediate: CallToolResult; server: string }
  );

let create: (init: ToolTaskInit) => ToolTask;

/** Makes a task handle (for core's own modules; users get one from `callTool`). */
export function createToolTask(init: ToolTaskInit): ToolTask {
  return create(init);
}

/**
 * A tool call running as a task on the server (MCP tasks, SEP-1686). `result()` waits for it
 * and returns exactly what `callTool` would have; `cancel()` stops it; `onStatusChange()` follows
 * it. `await using` cancels a task that has not finished when the block ends.
 *
 * A server that answers the call at once (one that does not run tools as tasks, or any server on
 * the 2026-07-28 era) gives a task that is already complete: `returnedImmediately` is `true`.
 *
 * @example Run server-everything's research tool as a task
 * ```ts ignore
 * import { Client } from "@mcpwire/core";
 *
 * await using client = await new Client("./server.js").connect();
 * await using task = await client.callTool("simulate-research-query", { topic: "tides" }, {
 *   task: true,
 * });
 * task.onStatusChange((t) => console.log(t.status, t.statusMessage));
 * const result = await task.result();
 * console.log(result.content);
 * ```
 */
export class ToolTask<T = unknown> implements AsyncDisposable {
  /** The task's id, given by the server (made up locally when `returnedImmediately`). */
  readonly taskId: string;
  /** The tool that runs (`undefined` for a task `getTask()` found that this client did not start). */
  readonly toolName: string | undefined;
  /** The server it runs on. */
  readonly serverName: string;
  /** Whether the server answered at once instead of creating a task. */
  readonly returnedImmediately: boolean;
  #channel: TaskChannel | undefined;
  #last: Task;
  #tool: Tool | undefined;
  #options: ToolTaskOptions<StandardSchemaV1 | undefined>;
  #immediate: { raw?: RawToolResult; result?: CallToolResult } | undefined;
  #release: () => Promise<void>;
  #unlisten: () => void = () => {};
  #listeners = new Set<TaskStatusListener>();
  #result: Promise<CallToolResult<T>> | undefined;
  #wake: (() => void) | undefined;

  static {
    create = (init) => new ToolTask(init);
  }

  private constructor(init: ToolTaskInit) {
    this.toolName = init.name;
    this.#options = init.options;
    this.#tool = "tool" in init ? init.tool : undefined;
    this.#release = "release" in init ? init.release : () => Promise.resolve();
    if ("channel" in init) {
      this.#channel = init.channel;
      this.#last = init.task;
      this.serverName = init.channel.serverName;
      this.returnedImmediately = false;
      const signal = init.options.signal;
      const onAbort = () => {
        this.#wake?.();
        if (!isTerminal(this.#last)) this.cancel().catch(() => {});
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      // a long-lived signal must not hold every task it ever started
      this.#unlisten = () => signal?.removeEventListener("abort", onAbort);
    } else {
      this.serverName = init.server;
      this.returnedImmediately = true;
      const isError = "immediate" in init ? init.immediate.isError : init.immediateRaw.isError;
      this.#immediate = "immediate" in init
        ? { result: init.immediate }
        : { raw: init.immediateRaw };
      const now = new Date().toISOString();
      this.#last = {
        taskId: crypto.randomUUID(),
        status: isError === true ? "failed" : "completed",
        ttl: null,
        createdAt: now,
        lastUpdatedAt: now,
      };
    }
    this.taskId = this.#last.taskId;
  }

  /** The last status seen (from the server's answers and its `notifications/tasks/status`). */
  get lastStatus(): Task {
    return this.#last;
  }

  /**
   * Asks the server for the task's status (`tasks/get`).
   *
   * @returns the task: `status` (`working`, `input_required`, `completed`, `failed` or
   *   `cancelled`), `statusMessage`, `createdAt`, `lastUpdatedAt`, `ttl`, `pollInterval`
   */
  async status(options?: RequestOptions): Promise<Task> {
    if (!this.#channel) return this.#last;
    this.observe(await this.#channel.get(this.taskId, this.#requestOptions(options)));
    return this.#last;
  }

  /**
   * Waits for the task to end and returns its result, exactly as `callTool` returns one.
   * While the task waits for input (`input_required`), the server's elicitation and sampling
   * requests reach the client's handlers. Later calls return the same result (after a failure,
   * they wait again).
   *
   * @throws {ToolError} when the tool reports an error (unless `raiseOnError: false`)
   * @throws {CancelledError} when the task was cancelled, or the call's `signal` aborted
   * @throws {OutputValidationError} when `data` does not match the output schema or `schema`
   */
  result(): Promise<CallToolResult<T>> {
    // a failure is not kept: asking again (after a timeout, say) waits again
    return this.#result ??= this.#settle().catch((error) => {
      this.#result = undefined;
      throw error;
    });
  }

  /**
   * Asks the server to cancel the task (`tasks/cancel`); nothing is sent once it has ended.
   *
   * @returns the task's status afterwards
   */
  async cancel(options?: RequestOptions): Promise<Task> {
    if (!this.#channel || isTerminal(this.#last)) return this.#last;
    try {
      this.observe(await this.#channel.cancel(this.taskId, this.#requestOptions(options)));
    } finally {
      this.#wake?.();
    }
    return this.#last;
  }

  /**
   * Calls `listener` with the task each time its status or status message changes.
   *
   * @returns a function that removes the listener
   */
  onStatusChange(listener: TaskStatusListener): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /** Cancels the task if it has not ended (errors are ignored: the server may be gone). */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.#channel && !isTerminal(this.#last)) await this.cancel().catch(() => {});
    this.#unlisten();
    if (!this.#result) await this.#release();
  }

  /** Records a status seen on the wire (internal: the client routes notifications here). */
  observe(task: Task): void {
    const before = this.#last;
    if (task.taskId !== this.taskId) return;
    // a terminal status is final, whatever arrives late
    if (isTerminal(before) && task.status !== before.status) return;
    this.#last = task;
    if (isTerminal(task)) this.#unlisten();
    if (task.status === before.status && task.statusMessage === before.statusMessage) return;
    this.#wake?.();
    for (const listener of this.#listeners) {
      try {
        const out = listener(task);
        if (out instanceof Promise) out.catch(reportHandlerError);
      } catch (error) {
        reportHandlerError(error);
      }
    }
  }

  async #settle(): Promise<CallToolResult<T>> {
    const name = this.toolName ?? `task ${this.taskId}`;
    try {
      const raw = this.#immediate ? undefined : await this.#waitForPayload();
      const result = this.#immediate?.result ??
        toCallToolResult(
          raw ?? this.#immediate!.raw!,
          name,
          this.#tool,
          false,
          this,
        );
      if (result.isError && this.#options.raiseOnError !== false) {
        // the same ToolError callTool throws, from the same raw result
        toCallToolResult(rawOf(result), name, undefined, true, this);
      }
      const schema = this.#options.schema;
      const typed = schema ? await applySchema(result, schema, name, this.serverName) : result;
      return typed as CallToolResult<T>;
    } finally {
      await this.#release();
    }
  }

  async #waitForPayload(): Promise<RawToolResult> {
    const channel = this.#channel!;
    const options = { timeout: this.#options.timeout, signal: this.#options.signal };
    while (!isTerminal(this.#last)) {
      this.#throwIfAborted();
      if (this.#last.status === "input_required") {
        // the server delivers its requests for input through tasks/result, which then waits for
        // the end; a timeout only ends this wait, the task goes on
        try {
          const raw = await channel.payload(this.taskId, options);
          if (!isTerminal(this.#last)) await this.status(options).catch(() => {});
          return raw;
        } catch (error) {
          if (!(error instanceof TimeoutError)) throw this.#cancelledOr(error);
        }
      } else {
        await this.#sleep(this.#options.pollInterval ?? this.#last.pollInterval);
      }
      this.#throwIfAborted();
      await this.status(options);
    }
    if (this.#last.status === "cancelled") throw this.#cancelled();
    try {
      return await channel.payload(this.taskId, options);
    } catch (error) {
      throw this.#cancelledOr(error);
    }
  }

  #sleep(interval: number | undefined): Promise<void> {
    const ms = Math.max(0, interval ?? DEFAULT_POLL_INTERVAL);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }

  #requestOptions(options: RequestOptions | undefined): RequestOptions {
    return { timeout: options?.timeout ?? this.#options.timeout, signal: options?.signal };
  }

  #throwIfAborted(): void {
    if (this.#options.signal?.aborted) throw this.#cancelled(this.#options.signal.reason);
  }

  #cancelledOr(error: unknown): unknown {
    if (this.#last.status === "cancelled" && error instanceof McpwireError) {
      return this.#cancelled(error);
    }
    return error;
  }

  #cancelled(cause?: unknown): CancelledError {
    return new CancelledError(
      `task '${this.taskId}'${
        this.toolName ? ` of tool '${this.toolName}'` : ""
      } on server '${this.serverName}' was cancelled`,
      { cause },
    );
  }
}

function rawOf(result: CallToolResult): RawToolResult {
  return {
    content: result.content,
    structuredContent: result.structuredContent,
    isError: result.isError,
    _meta: result.meta,
  };
}
