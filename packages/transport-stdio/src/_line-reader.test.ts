import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { LineReader, LineTooLongError } from "./_line-reader.ts";

const enc = (s: string) => Buffer.from(s, "utf8");
const msg = (id: number, text = "ok") => JSON.stringify({ jsonrpc: "2.0", id, result: { text } });

describe("LineReader", () => {
  it("LineReader.push() joins a message split across chunks", () => {
    const reader = new LineReader(1024);
    const line = msg(1) + "\n";
    assert.deepEqual(reader.push(enc(line.slice(0, 10))).messages, []);
    assert.deepEqual(reader.push(enc(line.slice(10, 20))).messages, []);
    assert.deepEqual(reader.push(enc(line.slice(20))).messages, [JSON.parse(msg(1))]);
  });

  it("LineReader.push() decodes UTF-8 split inside a character", () => {
    const reader = new LineReader(1024);
    const bytes = enc(msg(1, "héllo → 🌍") + "\n");
    const cut = bytes.indexOf(0xf0) + 2; // in the middle of the 4-byte emoji
    reader.push(bytes.subarray(0, cut));
    const [m] = reader.push(bytes.subarray(cut)).messages;
    assert.equal((m as unknown as { result: { text: string } }).result.text, "héllo → 🌍");
  });

  it("LineReader.push() returns several messages from one chunk, in order", () => {
    const reader = new LineReader(1024);
    const out = reader.push(enc(`${msg(1)}\n${msg(2)}\n${msg(3)}\n${msg(4)}`));
    assert.deepEqual(out.messages.map((m) => (m as { id: number }).id), [1, 2, 3]);
    assert.deepEqual(reader.push(enc("\n")).messages.map((m) => (m as { id: number }).id), [4]);
  });

  it("LineReader.push() accepts \\r\\n line endings and skips empty lines", () => {
    const reader = new LineReader(1024);
    const out = reader.push(enc(`${msg(1)}\r\n\r\n\n${msg(2)}\r\n`));
    assert.equal(out.messages.length, 2);
    assert.equal(out.junkCount, 0);
  });

  it("LineReader.push() skips and counts non-JSON lines", () => {
    const reader = new LineReader(1024);
    const out = reader.push(enc(`Starting server...\n${msg(1)}\n[1, 2]\n{"not":"jsonrpc"}\n`));
    assert.equal(out.messages.length, 1);
    assert.equal(out.junkCount, 3);
    assert.equal(out.junk, "Starting server...");
  });

  it("LineReader.push() throws LineTooLongError before buffering a line past the limit", () => {
    const reader = new LineReader(100);
    reader.push(enc("x".repeat(60)));
    assert.throws(() => reader.push(enc("x".repeat(60))), LineTooLongError);
    // The partial line is dropped: the reader can go on.
    assert.equal(reader.push(enc(`\n${msg(5)}\n`)).messages.length, 1);
  });

  it("LineReader.push() refuses a complete line over the limit within one chunk", () => {
    const reader = new LineReader(50);
    assert.throws(() => reader.push(enc(msg(1, "y".repeat(100)) + "\n")), LineTooLongError);
  });

  it("LineReader.push() reads a chunk of whole lines as it reads the same bytes one by one", () => {
    const bytes = enc(`${msg(1, "héllo 🌍")}\r\n\nnoise\n${msg(2)}\n  \n${msg(3, "\u2028")}\n`);
    const whole = new LineReader(1024).push(bytes);
    const slow = new LineReader(1024);
    const messages = [];
    let junkCount = 0;
    for (let i = 0; i < bytes.length; i++) {
      const out = slow.push(bytes.subarray(i, i + 1));
      messages.push(...out.messages);
      junkCount += out.junkCount;
    }
    assert.deepEqual(whole.messages, messages);
    assert.equal(whole.messages.length, 3);
    assert.equal(whole.junkCount, junkCount);
    assert.equal(whole.junk, "noise");
  });
});
