// Per-call overhead of mcpwire's Client.callTool against the bare SDK v2 Client.callTool, both in
// memory against the same McpServer, in one process, contenders interleaved round by round.
// Run: node --conditions=@mcpwire/source --import tsx bench/src/inmemory.ts
import { writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { Client as SdkClient, InMemoryTransport } from "@modelcontextprotocol/client";
import { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import { Client } from "@mcpwire/core";
import { median } from "./_stats.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 60);
const SEQUENTIAL = Number(process.env.CALLS ?? 300);
const PARALLEL = Number(process.env.PARALLEL ?? 300);

const server = new McpServer({ name: "bench", version: "1.0.0" });
server.registerTool(
  "add",
  {
    inputSchema: z.object({ a: z.number(), b: z.number() }),
    outputSchema: z.object({ sum: z.number() }),
  },
  ({ a, b }) => ({
    content: [{ type: "text", text: String(a + b) }],
    structuredContent: { sum: a + b },
  }),
);

interface Contender {
  name: string;
  open(): Promise<{ call(i: number): Promise<unknown>; close(): Promise<void> }>;
}

const contenders: Contender[] = [
  {
    name: "SDK v2 Client.callTool",
    async open() {
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      await server.connect(serverSide);
      const sdk = new SdkClient({ name: "bench", version: "1" });
      await sdk.connect(clientSide);
      await sdk.listTools(); // so the SDK validates structured output, as mcpwire does
      return {
        call: (i) => sdk.callTool({ name: "add", arguments: { a: i, b: 1 } }),
        close: () => sdk.close(),
      };
    },
  },
  {
    name: "SDK v2 Client.callTool, no output validation",
    async open() {
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      await server.connect(serverSide);
      const sdk = new SdkClient({ name: "bench", version: "1" });
      await sdk.connect(clientSide); // no listTools(): the SDK has no schema to validate against
      return {
        call: (i) => sdk.callTool({ name: "add", arguments: { a: i, b: 1 } }),
        close: () => sdk.close(),
      };
    },
  },
  {
    name: "mcpwire Client.callTool",
    async open() {
      const client = await new Client(server).connect();
      await client.listTools();
      return { call: (i) => client.callTool("add", { a: i, b: 1 }), close: () => client.close() };
    },
  },
];

async function measure(contender: Contender): Promise<{ seqUs: number; parallelPerSec: number }> {
  const session = await contender.open();
  try {
    for (let i = 0; i < 50; i++) await session.call(i); // warm-up
    let start = performance.now();
    for (let i = 0; i < SEQUENTIAL; i++) await session.call(i);
    const seqUs = ((performance.now() - start) * 1000) / SEQUENTIAL;
    start = performance.now();
    await Promise.all(Array.from({ length: PARALLEL }, (_, i) => session.call(i)));
    const parallelPerSec = PARALLEL / ((performance.now() - start) / 1000);
    return { seqUs, parallelPerSec };
  } finally {
    await session.close();
  }
}

const loadBefore = loadavg()[0]!;
const samples = new Map(
  contenders.map((c) => [c.name, { seq: [] as number[], par: [] as number[] }]),
);
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? contenders : [...contenders].reverse();
  for (const contender of order) {
    const { seqUs, parallelPerSec } = await measure(contender);
    samples.get(contender.name)!.seq.push(seqUs);
    samples.get(contender.name)!.par.push(parallelPerSec);
  }
}

const base = samples.get(contenders[0]!.name)!;
const paired = (name: string) => base.seq.map((sdk, i) => samples.get(name)!.seq[i]! / sdk);
const rows = contenders.map((c) => {
  const s = samples.get(c.name)!;
  const ratio = median(paired(c.name));
  const vs = `${ratio >= 1 ? "+" : ""}${((ratio - 1) * 100).toFixed(1)} %`;
  return `| ${c.name} | ${median(s.seq).toFixed(1)} | ${vs} | ${median(s.par).toFixed(0)} |`;
});
const perRound = paired(contenders[2]!.name);
const markdown = [
  "## In-memory per-call overhead: mcpwire vs the bare SDK v2 client",
  "",
  `One tool \`add\` with input and output schemas on one SDK v2 \`McpServer\`; ${ROUNDS} rounds, contenders`,
  `interleaved (order alternating), each round ${SEQUENTIAL} sequential calls after 50 warm-up calls, then`,
  `${PARALLEL} calls in parallel. The first SDK row and mcpwire both validate the output (the SDK after a`,
  "`listTools()`, with Ajv; mcpwire with its own checker, plus its input check); the second SDK row skips",
  "output validation, the floor of what the SDK does per call.",
  "",
  "| contender | µs/call (sequential, median) | vs SDK (paired per-round ratio, median) | calls/s (parallel, median) |",
  "| --- | --- | --- | --- |",
  ...rows,
  "",
  `Paired per-round ratio mcpwire/SDK (sequential, the figure to judge the 5 % budget by): ` +
  `median ${median(perRound).toFixed(3)}, ` +
  `min ${Math.min(...perRound).toFixed(3)}, max ${Math.max(...perRound).toFixed(3)}.`,
  "",
  `Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${
    (totalmem() / 2 ** 30).toFixed(1)
  } GiB, ` +
  `Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}. Load average ` +
  `${loadBefore.toFixed(1)} before, ${
    loadavg()[0]!.toFixed(1)
  } after (the machine is shared: absolute`,
  "figures swing with it; the paired per-round ratio is what holds).",
  `NODE_EXTRA_CA_CERTS ${
    process.env.NODE_EXTRA_CA_CERTS ? "was" : "was not"
  } set (it does not affect in-memory calls).`,
  "",
  "Command: `node --conditions=@mcpwire/source --import tsx bench/src/inmemory.ts`",
  "",
].join("\n");
console.log(markdown);
if (process.env.WRITE !== "0") {
  writeFileSync(new URL("../results/inmemory.md", import.meta.url), markdown);
}
