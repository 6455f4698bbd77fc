import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readEventStream, type SseEvent, SseParser } from "./_sse-parser.ts";

interface Seen {
  events: SseEvent[];
  retries: number[];
  ids: string[];
}

function parse(chunks: readonly string[]): Seen {
  const seen: Seen = { events: [], retries: [], ids: [] };
  const parser = new SseParser({
    event: (e) => seen.events.push(e),
    retry: (ms) => seen.retries.push(ms),
    id: (id) => seen.ids.push(id),
  });
  for (const chunk of chunks) parser.push(chunk);
  return seen;
}

/** Every way to cut `text` in two, three and one-character pieces gives the same result. */
function assertAnyCut(text: string, expected: Seen): void {
  assert.deepEqual(parse([text]), expected, "whole");
  assert.deepEqual(parse([...text]), expected, "one character at a time");
  for (let i = 0; i <= text.length; i++) {
    assert.deepEqual(parse([text.slice(0, i), text.slice(i)]), expected, `cut at ${i}`);
    for (let j = i; j <= text.length; j += 3) {
      const cuts = [text.slice(0, i), text.slice(i, j), text.slice(j)];
      assert.deepEqual(parse(cuts), expected, `cut at ${i} and ${j}`);
    }
  }
}

const message = (data: string, id = "", type = "message"): SseEvent => ({ type, data, id });

describe("SseParser", () => {
  it("SseParser dispatches an event at a blank line, with chunks cut anywhere", () => {
    assertAnyCut('event: message\nid: 7\ndata: {"a":1}\n\n', {
      events: [message('{"a":1}', "7")],
      retries: [],
      ids: ["7"],
    });
  });

  it("SseParser treats CRLF, CR and LF alike, even when a CRLF is split between chunks", () => {
    const expected = { events: [message("x"), message("y"), message("z")], retries: [], ids: [] };
    assertAnyCut("data: x\r\n\r\ndata: y\r\rdata: z\n\n", expected);
    assert.deepEqual(
      parse(["data: x\r", "\n\r", "\ndata: y\r", "\r", "data: z\n", "\n"]),
      expected,
    );
  });

  it("SseParser joins multi-line data with \\n and keeps empty data lines", () => {
    assertAnyCut("data: one\ndata:two\ndata\ndata:  three\n\n", {
      events: [message("one\ntwo\n\n three")],
      retries: [],
      ids: [],
    });
  });

  it("SseParser dispatches `data:` with an empty value as an event with empty data", () => {
    assert.deepEqual(parse(["id: p\ndata:\n\n"]).events, [message("", "p")]);
  });

  it("SseParser skips comments and unknown fields", () => {
    assertAnyCut(": keep-alive\n:\nfoo: bar\ndata: x\n: inside\n\n", {
      events: [message("x")],
      retries: [],
      ids: [],
    });
  });

  it("SseParser reports retry only for ASCII digits", () => {
    const seen = parse(["retry: 300\nretry: 1.5\nretry: -1\nretry:\nretry: 4x\nretry:2000\n\n"]);
    assert.deepEqual(seen.retries, [300, 2000]);
    assert.deepEqual(seen.events, []);
  });

  it("SseParser keeps the last event ID across events and reports an id-only block", () => {
    const seen = parse(["id: a\n\n", "data: 1\n\n", "id: b\ndata: 2\n\n", "id\ndata: 3\n\n"]);
    assert.deepEqual(seen.ids, ["a", "b", ""]);
    assert.deepEqual(seen.events, [message("1", "a"), message("2", "b"), message("3", "")]);
  });

  it("SseParser ignores an id containing NUL", () => {
    const seen = parse(["id: ok\ndata: 1\n\nid: b\0d\ndata: 2\n\n"]);
    assert.deepEqual(seen.events, [message("1", "ok"), message("2", "ok")]);
  });

  it("SseParser uses the event field as type and resets it after each block", () => {
    const seen = parse(["event: endpoint\ndata: /m\n\nevent: ping\n\ndata: x\n\n"]);
    assert.deepEqual(seen.events, [message("/m", "", "endpoint"), message("x")]);
  });

  it("SseParser strips only one space after the colon", () => {
    assert.deepEqual(parse(["data:   x \n\n"]).events, [message("  x ")]);
  });

  it("SseParser never dispatches an event the stream ends in the middle of", () => {
    const parser = new SseParser({ event: () => assert.fail("dispatched"), id: () => {} });
    parser.push("id: 9\ndata: half");
    parser.push("\ndata: more\n");
    assert.equal(parser.lastEventId, "", "an undispatched id is not the last event ID");
  });
});

describe("readEventStream", () => {
  it("readEventStream decodes UTF-8 split across chunks and parses every event", async () => {
    const bytes = new TextEncoder().encode("data: héllo 🌍\n\ndata: b\n\n");
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    const events: string[] = [];
    await readEventStream(body, (e) => events.push(e.data));
    assert.deepEqual(events, ["héllo 🌍", "b"]);
  });

  it("readEventStream rejects when the body fails, after dispatching what came before", async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(new TextEncoder().encode("data: a\n\ndata: cut"));
        else controller.error(new TypeError("terminated"));
      },
    });
    const events: string[] = [];
    await assert.rejects(readEventStream(body, (e) => events.push(e.data)), /terminated/);
    assert.deepEqual(events, ["a"]);
  });

  it("readEventStream awaits each event before the next, reports id and retry, and stops on a throw", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(
          new TextEncoder().encode("id: 7\nretry: 250\ndata: a\n\ndata: b\n\ndata: c\n\n"),
        );
        controller.close();
      },
    });
    const seen: string[] = [];
    const fields: string[] = [];
    let running = 0;
    const each = async (e: SseEvent) => {
      assert.equal(running++, 0, "one event at a time");
      await Promise.resolve();
      running--;
      if (e.data === "b") throw new Error("stop at b");
      seen.push(`${e.data}@${e.id}`);
    };
    await assert.rejects(
      readEventStream(body, each, {
        id: (id) => fields.push(`id ${id}`),
        retry: (ms) => fields.push(`retry ${ms}`),
      }),
      /stop at b/,
    );
    assert.deepEqual(seen, ["a@7"], "c is never handed on after b threw");
    assert.deepEqual(fields, ["retry 250", "id 7"]);
  });
});
