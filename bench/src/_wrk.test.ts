import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseWrk } from "./_wrk.ts";

// wrk 4.1.0's report for `-t1 -c32 -d1s --latency` (numbers made up, layout as printed).
const LATENCY = `Running 1s test @ http://127.0.0.1:40000/
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.23ms  456.00us   8.90ms   90.00%
    Req/Sec    25.00k     1.00k   27.00k    80.00%
  Latency Distribution
     50%  850.00us
     75%    1.40ms
     90%    1.80ms
     99%    3.20ms
  25000 requests in 1.00s, 4.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 5
Requests/sec:  24950.00
Transfer/sec:      4.00MB
`;

describe("parseWrk()", () => {
  it("reads requests, seconds, non-2xx, socket errors and p50/p99 in ms", () => {
    assert.deepEqual(parseWrk(LATENCY), {
      requests: 25000,
      seconds: 1,
      non2xx: 5,
      socketErrors: 3,
      p50: 0.85,
      p99: 3.2,
    });
  });

  it("leaves p50/p99 out and counts no errors when wrk printed none", () => {
    const plain = "  1200 requests in 850.00ms, 1.00MB read\nRequests/sec: 1411.76\n";
    assert.deepEqual(parseWrk(plain), {
      requests: 1200,
      seconds: 0.85,
      non2xx: 0,
      socketErrors: 0,
      p50: undefined,
      p99: undefined,
    });
  });

  it("throws with the text when there is no 'N requests in X' line", () => {
    assert.throws(() => parseWrk("unable to connect to 127.0.0.1:1"), /unable to connect/);
  });
});
