// How the CLI writes: human output on stdout, progress and logs on stderr, one-line errors.
import process from "node:process";

/** Writes a line to stdout. */
export function out(text: string): void {
  process.stdout.write(text.endsWith("\n") ? text : text + "\n");
}

/** Writes a line to stderr. */
export function err(text: string): void {
  process.stderr.write(text.endsWith("\n") ? text : text + "\n");
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
  const tty = process.stderr.isTTY === true;
  let drawn = false;
  return {
    update(progress, total, message) {
      const width = 24;
      const ratio = total ? Math.min(1, progress / total) : undefined;
      const bar = ratio === undefined
        ? `${progress}`
        : `[${"#".repeat(Math.round(ratio * width)).padEnd(width, " ")}] ${
          Math.round(ratio * 100)
        }%`;
      const line = `${bar}${message ? ` ${message}` : ""}`;
      if (tty) process.stderr.write(`\r\x1b[2K${line}`);
      else err(line);
      drawn = true;
    },
    done() {
      if (tty && drawn) process.stderr.write("\n");
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
