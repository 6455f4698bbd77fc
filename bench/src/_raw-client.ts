// The floor: a hand-written newline-JSON pipe client, no validation, no framework. It matches
// responses to requests by id and nothing more.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import type { JSONRPCMessage, Transport } from "@modelcontextprotocol/client";

type Pending = (message: { result?: unknown; error?: unknown }) => void;

/** A request/response channel over a child's stdin/stdout. */
export class RawPipeClient {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #buffer = "";

  constructor(command: string, args: string[], env: Record<string, string>) {
    this.#child = spawn(command, args, { env, stdio: ["pipe", "pipe", "pipe"] });
    this.#child.stderr.resume();
    this.#child.stdout.setEncoding("utf8");
    this.#child.stdout.on("data", (text: string) => {
      this.#buffer += text;
      let newline = this.#buffer.indexOf("\n");
      while (newline !== -1) {
        const line = this.#buffer.slice(0, newline);
        this.#buffer = this.#buffer.slice(newline + 1);
        if (line) {
          const message = JSON.parse(line);
          const resolve = this.#pending.get(message.id);
          this.#pending.delete(message.id);
          resolve?.(message);
        }
        newline = this.#buffer.indexOf("\n");
      }
    });
  }

  /** Sends a request and resolves with its result. */
  request(method: string, params: unknown): Promise<unknown> {
    const id = ++this.#nextId;
    return new Promise((resolve, reject) => {
      this.#pending.set(
        id,
        (m) => (m.error ? reject(new Error(JSON.stringify(m.error))) : resolve(m.result)),
      );
      this.#child.stdin.write(JSON.stringify({ jsonrpc: "2.0", id, method, params }) + "\n");
    });
  }

  /** Sends a notification. */
  notify(method: string): void {
    this.#child.stdin.write(JSON.stringify({ jsonrpc: "2.0", method }) + "\n");
  }

  /** Runs the MCP handshake. */
  async initialize(): Promise<void> {
    await this.request("initialize", {
      protocolVersion: "2025-06-18",
      capabilities: {},
      clientInfo: { name: "raw", version: "1" },
    });
    this.notify("notifications/initialized");
  }

  /** Ends the server and waits for it to exit. */
  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.#child.once("exit", resolve));
    this.#child.stdin.end();
    await exited;
  }
}

/** The same id matching, over any SDK-shaped transport (to time the transport alone). */
export class TransportRpc {
  readonly #transport: TransportLike;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;

  constructor(transport: TransportLike) {
    this.#transport = transport;
    transport.onmessage = (message: JSONRPCMessage) => {
      const m = message as { id?: number; result?: unknown; error?: unknown };
      if (m.id === undefined) return;
      const resolve = this.#pending.get(m.id);
      this.#pending.delete(m.id);
      resolve?.(m);
    };
    transport.onclose = () => {
      for (const settle of this.#pending.values()) settle({ error: "connection closed" });
      this.#pending.clear();
    };
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = ++this.#nextId;
    return new Promise((resolve, reject) => {
      this.#pending.set(
        id,
        (m) => (m.error ? reject(new Error(JSON.stringify(m.error))) : resolve(m.result)),
      );
      this.#transport.send({ jsonrpc: "2.0", id, method, params } as JSONRPCMessage).catch(reject);
    });
  }

  async initialize(): Promise<void> {
    await this.#transport.start();
    await this.request("initialize", {
      protocolVersion: "2025-06-18",
      capabilities: {},
      clientInfo: { name: "raw", version: "1" },
    });
    await this.#transport.send({ jsonrpc: "2.0", method: "notifications/initialized" });
  }

  close(): Promise<void> {
    return this.#transport.close();
  }
}

/** The part of the SDK `Transport` the id matcher uses. */
export type TransportLike = Pick<Transport, "start" | "send" | "close" | "onmessage" | "onclose">;
