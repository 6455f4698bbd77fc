import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertSpread, badRequests, checkAnswer, GOOD_CALL, KEY } from "./_test_bad_requests.ts";
import { inMemoryApp } from "./_test_helpers.ts";

describe("bad input", () => {
  it("answers 1,500 generated bad requests without a 500, a crash or a non-problem error", async () => {
    const { app } = inMemoryApp({ apiKeys: [KEY], bodyLimit: 64 * 1024 });
    const statuses = new Map<number, number>();
    let sent = 0;
    try {
      for (const r of badRequests()) {
        const init: RequestInit = { method: r.method, headers: r.headers };
        if (r.body !== undefined) init.body = r.body as BodyInit;
        let res: Response;
        try {
          res = await app.request(r.path, init);
        } catch (err) {
          // The URL or header could not even be built into a Request: nothing reached the app.
          if (err instanceof TypeError) continue;
          throw err;
        }
        sent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const text = r.method === "HEAD" || res.status < 400 ? undefined : await res.text();
        if (text === undefined) await res.body?.cancel();
        checkAnswer(r, res.status, res.headers.get("content-type"), text);
      }
      assertSpread(statuses, sent);
      assert.equal((await app.request("/v1/servers/test/tools/add", GOOD_CALL)).status, 200);
    } finally {
      await app.close();
    }
  });
});
