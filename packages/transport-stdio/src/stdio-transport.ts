/**
 * {@linkcode StdioTransport}: an MCP server as a subprocess speaking newline-delimited JSON-RPC.
 *
 * @module
 */
import type { ChildProcess } from "node:child_process";
import type {
  JSONRPCMessage,
  KeepAliveTransport,
  Transport,
  WarningTransport,
} from "@mcpwire/core";
import { ConnectionError } from "@mcpwire/core";
import { StdoutNoiseError } from "./stdout-noise-error.ts";
import { formatCommand } from "./_command.ts";
import { serverEnvironment } from "./_env.ts";
import { LineReader, LineTooLongError } from "./_line-reader.ts";
import { LoopHold } from "./_loop-hold.ts";
import { setHoldsCaller, snapshotFamily, spawnServer, track } from "./_process.ts";
import { type StderrOption, StderrTail } from "./_stderr.ts";
import { terminate } from "./_terminate.ts";
import { WriteQueue } from "./_write-queue.ts";

export type { StderrOption } from "./_stderr.ts";

/** How to launch a server and talk to it. */
export interface StdioTransportOptions {
  /** The server's name (a config entry's), named in every error next to the command line. */
  name?: string;
  /** The program to run, looked up on `PATH` (of the caller) when it has no slash. */
  command: string;
  /** Its arguments. */
  args?: readonly string[];
  /** Variables added to the server's environment. Their values never appear in error messages. */
  env?: Readonly<Record<string, string>>;
  /**
   * Pass the caller's whole environment (then `env` on top). Default `false`: only a safe set
   * (`PATH`, `HOME`, `USER`, `SHELL`, `TERM`, `LANG`, temp dirs…).
   */
  inheritEnv?: boolean;
  /** The server's working directory. Default: the caller's. */
  cwd?: string;
  /**
   * Keep the server running after the client's `await using` block ends; `client.close()` stops
   * it. An idle kept-alive server never keeps the caller's process from exiting. Default `true`.
   */
  keepAlive?: boolean;
  /** Where the server's stderr goes; the last lines are kept for error messages. Default `"inherit"`. */
  stderr?: StderrOption;
  /** The largest message accepted from the server, in bytes. Default 32 MiB. */
  maxMessageBytes?: number;
  /**
   * How long `close()` waits after closing stdin, then again after SIGTERM, before escalating.
   * Default 2000 ms.
   */
  shutdownGraceMs?: number;
}

type State = "new" | "starting" | "open" | "closing" | "closed";
type Message = JSONRPCMessage & { id?: string | number; method?: string };

const DEFAULT_MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
const DEFAULT_SHUTDOWN_GRACE_MS = 2000;
// After an unexpected exit, how long to wait for the last buffered output before reporting.
const DRAIN_AFTER_EXIT_MS = 100;

/**
 * Launches an MCP server as a subprocess and exchanges newline-delimited JSON-RPC over its
 * stdin and stdout. Implements the MCP SDK `Transport` shape.
 *
 * @example With @mcpwire/core
 * ```ts ignore
 * import { Client } from "@mcpwire/core";
 * import { StdioTransport } from "@mcpwire/transport-stdio";
 *
 * await using client = new Client(new StdioTransport({ command: "python3", args: ["server.py"] }));
 * console.log(await client.listTools());
 * ```
 */
export class StdioTransport implements KeepAliveTransport, WarningTransport {
  /** When true (the default), the session outlives `await using` blocks; `client.close()` ends it. */
  readonly keepAlive: boolean;
  /** The command line, as shown in error messages (no environment). */
  readonly commandLine: string;
  /** Called with every message from the server. */
  onmessage?: Transport["onmessage"];
  /** Called with a `ConnectionError` before `onclose` on a crash; also with warnings, unless `onwarning` is set. */
  onerror?: (error: Error) => void;
  /** Called with problems that fail no request (non-JSON lines on stdout); `@mcpwire/core` sets it. */
  onwarning?: (warning: Error) => void;
  /** Called once, when the connection is closed for any reason. */
  onclose?: () => void;

  readonly #options: StdioTransportOptions;
  readonly #reader: LineReader;
  #stderr: StderrTail;
  #state: State = "new";
  #child: ChildProcess | undefined;
  #writer: WriteQueue | undefined;
  #untrack: (() => void) | undefined;
  #closing: Promise<void> | undefined;
  #inFlight = new Set<string | number>();
  readonly #loopHold = new LoopHold();
  #junkReported = false;
  #familyKnown = false;
  /** A notification was handed on and the microtasks after it have not run yet. */
  #notificationFresh = false;
  /** Messages held behind a response that waits for those microtasks, in arrival order. */
  #held: JSONRPCMessage[] | undefined;
  /** The server in messages: its command line, after its name when it has one. */
  readonly #who: string;

  /**
   * @param options what to run and how
   * @throws {TypeError} when `command` is empty
   */
  constructor(options: StdioTransportOptions) {
    if (typeof options?.command !== "string" || options.command === "") {
      throw new TypeError("StdioTransport needs a non-empty `command`");
    }
    this.#options = options;
    this.keepAlive = options.keepAlive ?? true;
    this.commandLine = formatCommand(options.command, options.args ?? []);
    this.#who = options.name === undefined
      ? `\`${this.commandLine}\``
      : `'${options.name}' (\`${this.commandLine}\`)`;
    this.#reader = new LineReader(options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES);
    this.#stderr = new StderrTail(options.stderr ?? "inherit");
  }

  /** The server's process id once started. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** The last lines the server wrote to stderr, oldest first. */
  get stderrTail(): string[] {
    return this.#stderr.lines();
  }

  /**
   * Starts the server process. Called by the client's `connect()`. A transport whose server
   * was closed or has exited starts a fresh process.
   *
   * @throws {ConnectionError} when the command cannot be started (not found, not executable),
   * or when the server is already running
   */
  async start(): Promise<void> {
    if (this.#state === "closing") await this.#closing;
    if (this.#state !== "new" && this.#state !== "closed") {
      throw new ConnectionError(`the server ${this.#who} is already running`);
    }
    if (this.#state === "closed") this.#reset();
    this.#state = "starting";
    const { command, args = [], env, inheritEnv = false, cwd } = this.#options;
    const child = spawnServer({
      command,
      args,
      env: serverEnvironment(env, inheritEnv),
      cwd,
    });
    this.#child = child;
    try {
      await new Promise<void>((resolve, reject) => {
        child.once("spawn", resolve);
        child.once("error", reject);
      });
    } catch (error) {
      this.#state = "closed";
      throw new ConnectionError(startFailure(this.#who, command, error), { cause: error });
    }
    this.#wire(child);
    if (this.#state === "starting") this.#state = "open";
  }

  #reset(): void {
    this.#closing = undefined;
    this.#writer = undefined;
    this.#inFlight.clear();
    this.#junkReported = false;
    this.#familyKnown = false;
    this.#reader.clear();
    this.#stderr = new StderrTail(this.#options.stderr ?? "inherit");
  }

  /** Queues a message for the server; resolves once the pipe accepted it (backpressure). */
  send(message: JSONRPCMessage): Promise<void> {
    if (this.#state !== "open" || !this.#writer) {
      return Promise.reject(new ConnectionError(`not connected to ${this.#who}`));
    }
    const m = message as Message;
    if (m.id !== undefined && m.method !== undefined) {
      this.#inFlight.add(m.id);
      if (this.keepAlive && this.#inFlight.size === 1) this.#loopHold.set(true);
    } else if (m.method === "notifications/cancelled") {
      // The caller gave up on that request: stop waiting for its answer (a late one is still
      // handed on, and dropped by the caller).
      this.#settle((m as { params?: { requestId?: string | number } }).params?.requestId);
    }
    return this.#writer.push(JSON.stringify(message));
  }

  /** The number of requests sent and neither answered nor cancelled (for leak checks). */
  get pendingRequests(): number {
    return this.#inFlight.size;
  }

  #settle(id: string | number | undefined): void {
    if (id !== undefined && this.#inFlight.delete(id) && this.#inFlight.size === 0) {
      this.#loopHold.set(false);
    }
  }

  /**
   * Stops the server: closes its stdin, waits `shutdownGraceMs`, sends SIGTERM to the server and
   * everything it started, waits again, then SIGKILL; grandchildren left behind by a wrapper that
   * already exited are ended the same way. Resolves when nothing is left; calls `onclose`.
   */
  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    if (this.#state === "new" || this.#state === "closed") {
      this.#closing = Promise.resolve();
      if (this.#state === "new") this.#finish();
      return this.#closing;
    }
    this.#state = "closing";
    this.#closing = this.#stop();
    return this.#closing;
  }

  async #stop(): Promise<void> {
    const child = this.#child!;
    this.#loopHold.set(true);
    this.#writer?.flush();
    await terminate(child, this.#options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS);
    this.#finish();
  }

  #wire(child: ChildProcess): void {
    this.#writer = new WriteQueue(child.stdin!);
    this.#untrack = track(child);
    child.stdout!.on("data", (chunk: Uint8Array) => this.#onData(chunk));
    child.stdout!.on("error", () => {});
    if (child.stderr) this.#stderr.attach(child.stderr);
    child.on("error", (error) => this.onerror?.(error));
    child.once("exit", (code, signal) => {
      if (child === this.#child) this.#onExit(code, signal);
    });
    // A kept-alive server never holds the caller open by itself; #loopHold does while a request
    // is in flight.
    if (this.keepAlive) setHoldsCaller(child, false);
  }

  #onData(chunk: Uint8Array): void {
    let result;
    try {
      result = this.#reader.push(chunk);
    } catch (error) {
      if (!(error instanceof LineTooLongError)) throw error;
      const max = this.#options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
      this.#crash(
        new ConnectionError(
          `server ${this.#who} sent a message larger than maxMessageBytes (${max} bytes)`,
        ),
      );
      return;
    }
    if (result.junkCount > 0 && !this.#junkReported) {
      this.#junkReported = true;
      (this.onwarning ?? this.onerror)?.(
        new StdoutNoiseError(
          `server ${this.#who} wrote ${result.junkCount} non-JSON line(s) to stdout, ` +
            `skipped (first: ${JSON.stringify(result.junk)}); servers must log to stderr`,
        ),
      );
    }
    if (result.messages.length > 0) {
      if (result.junkCount === 0) this.#junkReported = false;
      if (this.#held) this.#held.push(...result.messages);
      else this.#dispatch(result.messages, 0);
    }
  }

  // A response that follows a notification is delivered only after the microtasks queued behind
  // that notification have run: the SDK runs notification handlers a microtask late, so a
  // request's last progress notification would otherwise arrive after its response has removed
  // the progress handler. Node and Deno run microtasks between two stdout chunks; Bun may not, so
  // this holds across chunks too, and later messages wait behind a held response in order.
  #dispatch(messages: JSONRPCMessage[], from: number): void {
    for (let i = from; i < messages.length; i++) {
      if (this.#state === "closed") return;
      const m = messages[i] as Message;
      if (m.method === undefined) {
        // Once the server answers, whatever it started is known, so that a crash can still
        // reach its helpers after they are re-parented.
        if (!this.#familyKnown) {
          this.#familyKnown = true;
          if (this.#child) snapshotFamily(this.#child);
        }
        if (this.#notificationFresh) {
          this.#held = messages.slice(i);
          queueMicrotask(() => {
            const held = this.#held ?? [];
            this.#held = undefined;
            this.#dispatch(held, 0);
          });
          return;
        }
        this.#settle(m.id);
      } else if (m.id === undefined && !this.#notificationFresh) {
        this.#notificationFresh = true;
        queueMicrotask(() => this.#notificationFresh = false);
      }
      this.onmessage?.(m);
    }
  }

  #onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#state !== "open" && this.#state !== "starting") return;
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const child = this.#child!;
    // Let the last buffered stdout and stderr arrive before reporting.
    const drained = new Promise<void>((resolve) => {
      child.once("close", () => resolve());
      setTimeout(resolve, DRAIN_AFTER_EXIT_MS);
    });
    this.#state = "closing";
    this.#closing = drained.then(async () => {
      const error = new ConnectionError(
        `server ${this.#who} ${how}${formatTail(this.#stderr.lines())}`,
      );
      this.#rejectWrites(error);
      this.#emitFailure(error);
      await terminate(child, this.#options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS);
    });
  }

  #crash(error: ConnectionError): void {
    if (this.#state !== "open") return;
    this.#state = "closing";
    const child = this.#child!;
    this.#rejectWrites(error);
    this.#emitFailure(error);
    this.#closing = terminate(child, 0);
  }

  #emitFailure(error: ConnectionError): void {
    try {
      this.onerror?.(error);
    } finally {
      this.#finish();
    }
  }

  #rejectWrites(error: Error): void {
    this.#writer?.fail(error);
  }

  #finish(): void {
    if (this.#state === "closed" && this.#child === undefined) return;
    this.#state = "closed";
    this.#untrack?.();
    this.#inFlight.clear(); // nothing will answer them: the SDK or core rejects them on onclose
    this.#loopHold.dispose();
    this.#reader.clear();
    this.#stderr.close();
    this.#writer?.fail(new ConnectionError(`not connected to ${this.#who}`));
    const child = this.#child;
    this.#child = undefined;
    if (child) {
      for (const stream of [child.stdin, child.stdout, child.stderr]) stream?.destroy();
    }
    this.onclose?.();
  }
}

function startFailure(who: string, command: string, error: unknown): string {
  const code = (error as { code?: string })?.code;
  if (code === "ENOENT") return `could not start ${who}: command not found: ${command}`;
  if (code === "EACCES") return `could not start ${who}: ${command} is not executable`;
  return `could not start ${who}: ${(error as Error)?.message ?? String(error)}`;
}

function formatTail(lines: string[]): string {
  const shown = lines.filter((line) => line.trim() !== "");
  return shown.length ? `; last stderr lines:\n  ${shown.join("\n  ")}` : "";
}
