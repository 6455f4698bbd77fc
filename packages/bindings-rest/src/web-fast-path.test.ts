import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gateOf } from "./_gate.ts";
import {
  ADD,
  answerOf,
  makeApp,
  type OpenFastPath,
  parityTests,
  PASSED,
  requestOf,
} from "./_test_fast_path.ts";
import { createWebHandler } from "./_web-fast-path.ts";

/** The app's fast path called with web Requests, as Deno.serve and Bun.serve hand them over. */
const onWebRequests: OpenFastPath = (app) => {
  const handler = createWebHandler(gateOf(app)!);
  return Promise.resolve({
    send: async (c) => {
      const taken = handler(requestOf(c));
      return taken && await answerOf(await taken);
    },
    close: () => Promise.resolve(),
  });
};

describe("the fast path of POST …/tools/{tool} on web Requests (Deno.serve, Bun.serve)", () => {
  parityTests(onWebRequests);

  it("leaves other routes, event streams, tasks and encoded names to the Hono app", async () => {
    const app = makeApp({});
    try {
      await app.ready();
      const handler = createWebHandler(gateOf(app)!);
      for (const c of PASSED) assert.equal(handler(requestOf(c)), undefined, c.path);
      assert.equal(handler(new Request(`http://127.0.0.1:8787${ADD}`)), undefined, "GET");
    } finally {
      await app.close();
    }
  });
});
