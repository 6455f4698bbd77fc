import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gateOf } from "./_gate.ts";
import {
  type Answer,
  type Case,
  EVERY_STATUS,
  expectSame,
  headersOf,
  init,
  KEY,
  KEY_CASES,
  makeApp,
  PASSED,
} from "./_test_fast_path.ts";
import { createWebHandler } from "./_web-fast-path.ts";
import type { RestAppOptions } from "./app.ts";

const BASE = "http://127.0.0.1:8787";

/** A case as a web Request, with the Host a server would see (unless the case sets its own). */
function requestOf(c: Case): Request {
  const { method, headers, body } = init(c);
  return new Request(`${BASE}${c.path}`, {
    method,
    headers: { host: "127.0.0.1:8787", ...headers },
    body,
  });
}

async function answerOf(res: Response): Promise<Answer> {
  return {
    status: res.status,
    headers: headersOf((n) => res.headers.get(n)),
    body: await res.text(),
  };
}

/** Sends the cases through the web fast path and through `app.request()`, each to its own app. */
async function compare(options: RestAppOptions, cases: Case[]): Promise<Map<number, number>> {
  const fastApp = makeApp(options);
  const honoApp = makeApp(options);
  const statuses = new Map<number, number>();
  try {
    await Promise.all([fastApp.ready(), honoApp.ready()]);
    const handler = createWebHandler(gateOf(fastApp)!);
    for (const c of cases) {
      const taken = handler(requestOf(c));
      assert.ok(taken, `the fast path did not take ${c.path} ${JSON.stringify(c.headers ?? {})}`);
      const fast = await answerOf(await taken);
      const app = await answerOf(await honoApp.request(requestOf(c)));
      expectSame(fast, app, c);
      statuses.set(fast.status, (statuses.get(fast.status) ?? 0) + 1);
    }
  } finally {
    await Promise.all([fastApp.close(), honoApp.close()]);
  }
  return statuses;
}

describe("the fast path of POST …/tools/{tool} on web Requests (Deno.serve, Bun.serve)", () => {
  it("answers every status of the route exactly as the Hono route does", async () => {
    const statuses = await compare({}, EVERY_STATUS);
    for (const status of [200, 400, 403, 404, 413, 415, 422, 500, 502, 503, 504]) {
      assert.ok(statuses.has(status), `no case answered ${status}`);
    }
  });

  it("checks API keys exactly as the Hono route does", async () => {
    const statuses = await compare({ apiKeys: [KEY] }, KEY_CASES);
    assert.deepEqual([...statuses.keys()].sort(), [200, 401, 403, 404]);
  });

  it("adds the same CORS headers as the Hono route", async () => {
    const origin = "https://app.example";
    const path = "/v1/servers/test/tools/add";
    await compare({ cors: { origin: [origin], credentials: true } }, [
      { path, body: '{"a":1,"b":2}', headers: { origin } },
      { path: `${path}?view=data`, body: '{"a":1,"b":2}', headers: { origin } },
      { path: "/v1/servers/test/tools/nope", headers: { origin } },
      { path, headers: { origin: "https://other.example" } },
    ]);
    await compare({ cors: { origin: "*" } }, [{ path, body: "{", headers: { origin } }]);
  });

  it("leaves other routes, event streams, tasks and encoded names to the Hono app", async () => {
    const app = makeApp({});
    try {
      await app.ready();
      const handler = createWebHandler(gateOf(app)!);
      for (const c of PASSED) assert.equal(handler(requestOf(c)), undefined, c.path);
      assert.equal(handler(new Request(`${BASE}/v1/servers/test/tools/add`)), undefined, "GET");
    } finally {
      await app.close();
    }
  });
});
