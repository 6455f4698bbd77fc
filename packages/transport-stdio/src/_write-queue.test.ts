import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { WriteQueue } from "./_write-queue.ts";

/** A pipe that holds each write until released, with a tiny buffer. */
function slowPipe() {
  const writes: string[] = [];
  const callbacks: (() => void)[] = [];
  const stream = new Writable({
    highWaterMark: 64,
    write(chunk, _encoding, callback) {
      writes.push(String(chunk));
      callbacks.push(() => callback());
    },
  });
  const release = () => callbacks.splice(0).forEach((cb) => cb());
  return { stream, writes, release };
}

describe("WriteQueue", () => {
  it("WriteQueue.push() writes the first message at once and joins the rest of the tick", async () => {
    const { stream, writes, release } = slowPipe();
    const queue = new WriteQueue(stream);
    const sent = ["a", "b", "c", "d"].map((m) => queue.push(m));
    assert.deepEqual(writes, ["a\n"]);
    release();
    await Promise.all(sent);
    release();
    assert.deepEqual(writes.join(""), "a\nb\nc\nd\n");
    assert.ok(writes.length <= 2, `${writes.length} writes`);
  });

  it("WriteQueue waits for drain with one listener, however many messages wait", async () => {
    const { stream, writes, release } = slowPipe();
    const queue = new WriteQueue(stream);
    const big = "x".repeat(100); // over the pipe's buffer: the first write fills it
    const sent: Promise<void>[] = [queue.push(big)];
    await Promise.resolve();
    for (let i = 0; i < 1000; i++) sent.push(queue.push(`m${i}`));
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.ok(stream.listenerCount("drain") <= 1, `${stream.listenerCount("drain")} listeners`);
    let settled = false;
    void Promise.all(sent).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(settled, false, "messages wait while the pipe is full");
    for (let i = 0; i < 5 && !settled; i++) {
      release();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    assert.equal(settled, true);
    assert.equal(writes.join("").split("\n").length - 1, 1001);
  });

  it("WriteQueue.fail() rejects what is waiting and what comes later", async () => {
    const { stream } = slowPipe();
    const queue = new WriteQueue(stream);
    queue.push("x".repeat(100));
    const waiting = queue.push("later");
    queue.fail(new Error("gone"));
    await assert.rejects(waiting, /gone/);
    await assert.rejects(queue.push("after"), /gone/);
  });
});
