/**
 * Where a server's stderr goes, and the tail of it that connection errors quote.
 *
 * @module
 */
import { createWriteStream, type WriteStream } from "node:fs";
import process from "node:process";
import type { Readable } from "node:stream";

/**
 * What to do with the server's stderr: pass it to the caller's stderr (`"inherit"`), drop it
 * (`"ignore"`), hand each line to a callback, or append it to a file.
 */
export type StderrOption = "inherit" | "ignore" | ((line: string) => void) | { file: string };

const TAIL_LINES = 20;
const MAX_LINE_CHARS = 1000;

/** Reads a server's stderr, forwards it as asked and keeps its last lines. */
export class StderrTail {
  readonly #lines: string[] = [];
  #partial = "";
  #file: WriteStream | undefined;
  readonly #option: StderrOption;

  /** @param option where stderr goes */
  constructor(option: StderrOption) {
    this.#option = option;
  }

  /** Starts reading `stream`. */
  attach(stream: Readable): void {
    const option = this.#option;
    if (typeof option === "object") {
      this.#file = createWriteStream(option.file, { flags: "a" });
      this.#file.on("error", () => {});
    }
    stream.setEncoding("utf8");
    stream.on("data", (text: string) => this.#onText(text));
    stream.on("error", () => {});
  }

  /** The last lines the server wrote, oldest first (including an unterminated last line). */
  lines(): string[] {
    return this.#partial ? [...this.#lines, this.#partial] : [...this.#lines];
  }

  /** Stops writing to the file, if any. */
  close(): void {
    this.#file?.end();
    this.#file = undefined;
  }

  #onText(text: string): void {
    const option = this.#option;
    if (option === "inherit") process.stderr.write(text);
    else if (typeof option === "object") this.#file?.write(text);
    const parts = (this.#partial + text).split("\n");
    this.#partial = clip(parts.pop() ?? "");
    for (const raw of parts) {
      const line = clip(raw.endsWith("\r") ? raw.slice(0, -1) : raw);
      if (typeof option === "function") {
        try {
          option(line);
        } catch {
          // A throwing callback must not break the connection.
        }
      }
      this.#lines.push(line);
      if (this.#lines.length > TAIL_LINES) this.#lines.shift();
    }
  }
}

function clip(line: string): string {
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
}
