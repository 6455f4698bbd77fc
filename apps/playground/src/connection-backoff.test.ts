// The page's relink schedule (ui/connection.ts): after the playground goes away the page retries
// after 0.5, 1, 2 and 4 s, then every 8 s (test/connection.test.ts checks the relink in Chromium).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { retryDelay } from "../ui/connection.ts";

describe("the page's relink back-off", () => {
  it("retryDelay() doubles from 0.5 s up to 8 s, then stays at 8 s", () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 20].map(retryDelay),
      [500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000],
    );
  });
});
