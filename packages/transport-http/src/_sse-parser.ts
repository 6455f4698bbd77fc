// A small Server-Sent Events parser (WHATWG HTML §9.2.6, "Interpreting an event stream") and the
// one reader that feeds it from a response body with one TextDecoder: no TextDecoderStream, no
// TransformStream, no pipeThrough — each of those costs a stream object (and, on Node 20, a
// transferable wrapper) per response.

/** One dispatched event. */
export interface SseEvent {
  /** The event type: the `event:` field, or `"message"`. */
  type: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
  /** The last event ID at the time of dispatch (`""` when none was set). */
  id: string;
}

/** What the parser reports. */
export interface SseHandlers {
  /** A complete event (one that had at least one `data:` line). */
  event(event: SseEvent): void;
  /** A valid `retry:` field: the reconnection time in milliseconds. */
  retry?(ms: number): void;
  /** The last event ID changed (at the dispatch of the block that set it, even without data). */
  id?(id: string): void;
}

const LF = 10;
const SPACE = 32;
const DIGITS = /^[0-9]+$/;

/**
 * Incremental SSE parser: `push()` decoded text in chunks cut anywhere. Lines end in CRLF, LF or
 * CR; `:` lines are comments; unknown fields are ignored; an event left incomplete when the
 * stream ends is discarded (never dispatched). A leading BOM is the decoder's job.
 */
export class SseParser {
  readonly #on: SseHandlers;
  #pending = "";
  #skipLF = false;
  #data = "";
  #dataLines = 0;
  #type = "";
  #idBuffer = "";
  #lastId = "";

  constructor(handlers: SseHandlers) {
    this.#on = handlers;
  }

  /** The last event ID string, as a reconnecting client would send it in `Last-Event-ID`. */
  get lastEventId(): string {
    return this.#lastId;
  }

  /** Feeds the next piece of decoded text. */
  push(chunk: string): void {
    const n = chunk.length;
    let start = 0;
    if (this.#skipLF) {
      this.#skipLF = false;
      if (n > 0 && chunk.charCodeAt(0) === LF) start = 1;
    }
    let cr = chunk.indexOf("\r", start);
    let lf = chunk.indexOf("\n", start);
    while (true) {
      if (cr !== -1 && cr < start) cr = chunk.indexOf("\r", start);
      if (lf !== -1 && lf < start) lf = chunk.indexOf("\n", start);
      const end = cr === -1 ? lf : lf === -1 ? cr : cr < lf ? cr : lf;
      if (end === -1) break;
      const piece = chunk.slice(start, end);
      const line = this.#pending === "" ? piece : this.#pending + piece;
      this.#pending = "";
      start = end + 1;
      if (end === cr) {
        if (start >= n) this.#skipLF = true;
        else if (chunk.charCodeAt(start) === LF) start++;
      }
      this.#line(line);
    }
    if (start < n) this.#pending += chunk.slice(start);
  }

  #line(line: string): void {
    if (line === "") return this.#dispatch();
    const colon = line.indexOf(":");
    if (colon === 0) return; // a comment
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1
      ? ""
      : line.slice(line.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1);
    switch (field) {
      case "data":
        this.#data = this.#dataLines++ === 0 ? value : `${this.#data}\n${value}`;
        return;
      case "event":
        this.#type = value;
        return;
      case "id":
        if (!value.includes("\0")) this.#idBuffer = value;
        return;
      case "retry":
        if (DIGITS.test(value)) this.#on.retry?.(Number(value));
    }
  }

  #dispatch(): void {
    if (this.#idBuffer !== this.#lastId) {
      this.#lastId = this.#idBuffer;
      this.#on.id?.(this.#lastId);
    }
    const type = this.#type;
    this.#type = "";
    if (this.#dataLines === 0) return;
    const data = this.#data;
    this.#data = "";
    this.#dataLines = 0;
    this.#on.event({ type: type === "" ? "message" : type, data, id: this.#lastId });
  }
}

/**
 * Reads an event stream to its end with one reader and one decoder, awaiting `each` for every
 * event in order (`on` gets the `id:` and `retry:` fields). Resolves when the stream ends; rejects
 * when it fails (a dropped connection, an abort) or `each` throws, after the events before that.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  each: (event: SseEvent) => unknown,
  on: Omit<SseHandlers, "event"> = {},
): Promise<void> {
  const events: SseEvent[] = [];
  const parser = new SseParser({ ...on, event: (event) => events.push(event) });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  while (true) {
    const { value, done } = await reader.read();
    parser.push(done ? decoder.decode() : decoder.decode(value, { stream: true }));
    for (const event of events.splice(0)) await each(event);
    if (done) return;
  }
}
