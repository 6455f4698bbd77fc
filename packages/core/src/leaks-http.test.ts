// The leak suite over real loopback Streamable HTTP (JSON and event-stream answers): requests
// given up on release their HTTP request, socket and buffers, and a program that gave up on some
// never has to close its client to exit.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  assertReleased,
  EXIT_MS,
  LEAK_N,
  type LeakReport,
  leakReports,
  runFixture,
} from "./_test_leak_suite.ts";
import { startSlowHttpServer } from "./_test_leaks.ts";

const KINDS = ["http-json", "http-sse"];
let reports: Promise<Map<string, LeakReport>> | undefined;

describe("Streamable HTTP: requests given up on release what they held", () => {
  for (const kind of KINDS) {
    it(`${LEAK_N} timed-out and aborted requests, ${kind} answers: tables, descriptors and heap return to baseline`, async () => {
      reports ??= leakReports(KINDS); // one process runs both
      const report = (await reports).get(kind);
      assert.ok(report, `no report from the ${kind} workload`);
      assertReleased(report);
    });
  }

  // On Node the server keeps a standalone GET event stream open, which must not hold the program
  // either. Deno's and Bun's fetch have no way to let an open stream not hold it (see the README's
  // lifecycle section), so there the server offers none, and the test checks the rest.
  const holdsStreams = "Deno" in globalThis || "Bun" in globalThis;
  it(
    `a program that gave up on HTTP requests and never closes its client exits by itself${
      holdsStreams ? "" : " (a standalone GET stream open)"
    }`,
    async () => {
      const server = await startSlowHttpServer(holdsStreams ? [] : ["--get-stream"]);
      try {
        const { out } = await runFixture("never-closed.ts", ["http", server.url], EXIT_MS);
        assert.match(out, /gave up/);
      } finally {
        server.close();
      }
    },
  );
});
