/**
 * Splits a byte stream into newline-delimited JSON-RPC messages.
 *
 * Bytes are kept until a line is complete, so UTF-8 sequences split across chunks decode
 * correctly; `\r\n` is accepted; a line that is not a JSON object is counted and skipped; a line
 * longer than the limit is an error before it is buffered whole.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import type { JSONRPCMessage } from "@modelcontextprotocol/client";

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** What the reader found in one chunk. */
export interface ReadResult {
  /** Complete messages, in order. */
  messages: JSONRPCMessage[];
  /** The first non-JSON line of this chunk, if any, truncated. */
  junk?: string;
  /** How many non-JSON lines this chunk held. */
  junkCount: number;
}

/** Thrown by {@linkcode LineReader.push} when one line exceeds the limit. */
export class LineTooLongError extends Error {
  /** How many bytes the line had reached when it was refused. */
  readonly bytes: number;

  /** @param bytes the size reached */
  constructor(bytes: number) {
    super(`line of at least ${bytes} bytes`);
    this.name = "LineTooLongError";
    this.bytes = bytes;
  }
}

/** Incremental newline-delimited JSON reader. */
export class LineReader {
  readonly #maxBytes: number;
  #pending: Buffer[] = [];
  #pendingBytes = 0;

  /** @param maxBytes the longest line accepted, in bytes */
  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /**
   * Feeds one chunk and returns the messages it completed.
   *
   * @throws {LineTooLongError} when a line grows past the limit
   */
  push(chunk: Uint8Array): ReadResult {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    const result: ReadResult = { messages: [], junkCount: 0 };
    const size = buf.length;
    if (this.#pendingBytes === 0 && size <= this.#maxBytes && buf[size - 1] === NEWLINE) {
      // The usual chunk: whole lines, no partial one before it, none over the limit. It is decoded
      // once and split in JavaScript (a newline byte never sits inside a UTF-8 sequence).
      const text = buf.toString("utf8");
      let from = 0;
      let newline = text.indexOf("\n");
      while (newline !== -1) {
        const end = newline > from && text.charCodeAt(newline - 1) === CARRIAGE_RETURN
          ? newline - 1
          : newline;
        if (end > from) this.#parseText(text.slice(from, end), result);
        from = newline + 1;
        newline = text.indexOf("\n", from);
      }
      return result;
    }
    let start = 0;
    let end = buf.indexOf(NEWLINE);
    while (end !== -1) {
      if (this.#pendingBytes > 0) {
        this.#check(this.#pendingBytes + end);
        this.#pending.push(buf.subarray(0, end));
        this.#parse(Buffer.concat(this.#pending), 0, this.#pendingBytes + end, result);
        this.#pending = [];
        this.#pendingBytes = 0;
      } else {
        this.#check(end - start);
        this.#parse(buf, start, end, result);
      }
      start = end + 1;
      end = buf.indexOf(NEWLINE, start);
    }
    if (start < buf.length) {
      this.#check(this.#pendingBytes + buf.length - start);
      this.#pending.push(buf.subarray(start));
      this.#pendingBytes += buf.length - start;
    }
    return result;
  }

  /** Drops any partial line. */
  clear(): void {
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  #check(bytes: number): void {
    if (bytes > this.#maxBytes) {
      this.clear();
      throw new LineTooLongError(bytes);
    }
  }

  #parse(buf: Buffer, start: number, end: number, result: ReadResult): void {
    if (end > start && buf[end - 1] === CARRIAGE_RETURN) end--;
    if (end === start) return;
    this.#parseText(buf.toString("utf8", start, end), result);
  }

  #parseText(text: string, result: ReadResult): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (
      typeof value === "object" && value !== null &&
      (value as { jsonrpc?: unknown }).jsonrpc === "2.0"
    ) {
      result.messages.push(value as JSONRPCMessage);
    } else if (text.trim() !== "") {
      result.junk ??= text.length > 200 ? `${text.slice(0, 200)}…` : text;
      result.junkCount++;
    }
  }
}
