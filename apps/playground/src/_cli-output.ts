// How the CLI writes: human output on stdout; progress, server logs and server stderr on stderr
// (a progress bar on a terminal is cleared before such a line and drawn again after it);
// one-line errors. Everything goes through one sink, which tests can redirect.
import process from "node:process";

/** Where the CLI's output goes. */
export interface OutputSink {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (the progress bar is then redrawn in place). */
  tty: boolean;
}

const processSink: OutputSink = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  get tty() {
    return process.stderr.isTTY === true;
  },
};
let sink: OutputSink = processSink;
// The progress bar currently drawn on the terminal's last line, if any.
let bar = "";

/**
 * Sends the CLI's output to `to` until the returned function is called (tests).
 *
 * @returns the function that restores the process's own stdout and stderr
 */
export function redirectOutput(to: OutputSink): () => void {
  sink = to;
  bar = "";
  return () => (sink = processSink, bar = "");
}

const line = (text: string) => text.endsWith("\n") ? text : text + "\n";

/** Writes a line to stdout. */
export function out(text: string): void {
  sink.stdout(line(text));
}

/** Writes a line to stderr, above the progress bar when one is drawn. */
export function err(text: string): void {
  if (sink.tty && bar) sink.stderr(`\r\x1b[2K${line(text)}${bar}`);
  else sink.stderr(line(text));
}

/** Pretty JSON on stdout. */
export function json(value: unknown): void {
  out(JSON.stringify(value, null, 2));
}

/** A progress bar on stderr: redrawn in place on a terminal, one line per update otherwise. */
export function progressBar(): {
  update(progress: number, total?: number, message?: string): void;
  done(): void;
} {
  return {
    update(progress, total, message) {
      const width = 24;
      const ratio = total ? Math.min(1, progress / total) : undefined;
      const drawn = ratio === undefined
        ? `${progress}`
        : `[${"#".repeat(Math.round(ratio * width)).padEnd(width, " ")}] ${
          Math.round(ratio * 100)
        }%`;
      const text = `${drawn}${message ? ` ${message}` : ""}`;
      if (!sink.tty) return err(text);
      sink.stderr(`\r\x1b[2K${text}`);
      bar = text;
    },
    done() {
      if (sink.tty && bar) sink.stderr("\n");
      bar = "";
    },
  };
}

interface Block {
  type: string;
  text?: string;
  data?: string;
  mimeType?: string;
  uri?: string;
  resource?: { uri?: string; text?: string; blob?: string; mimeType?: string };
}

/** Content blocks as text: text as is, binary content as a short description. */
export function describeContent(content: readonly unknown[]): string[] {
  return (content as Block[]).map((b) => {
    if (b.type === "text") return b.text ?? "";
    if (b.type === "image" || b.type === "audio") {
      return `[${b.type} ${b.mimeType ?? ""}, ${Math.floor((b.data?.length ?? 0) * 3 / 4)} bytes]`;
    }
    if (b.type === "resource_link") return `[link ${b.uri}]`;
    if (b.type === "resource") return b.resource?.text ?? `[resource ${b.resource?.uri}]`;
    return JSON.stringify(b);
  });
}
