// The scenarios main.ts runs: which script, on which runtime, with which knobs for the full run
// and for --quick. Topic scripts (inmemory, stdio, http, multi-server, rest) are reused unchanged;
// their Markdown tables are parsed from stdout. The scripts main.ts adds write JSON to $BENCH_OUT.

/** A JavaScript runtime the bench can run a script on. */
export type Runtime = "node" | "deno" | "bun";

/** One scenario run. */
export interface Scenario {
  /** Unique id; `--only=<id>,…` picks scenarios by id or id prefix. */
  id: string;
  /** The issue's scenario number(s). */
  issue: string;
  title: string;
  script: string;
  runtime: Runtime;
  /** Knobs (environment variables) for the full run and for --quick. */
  full: Record<string, string>;
  quick: Record<string, string> | null;
  /** The script writes JSON to $BENCH_OUT (else its stdout tables are parsed). */
  json?: boolean;
  /** Files under bench/results/ the script rewrites; main.ts puts them back afterwards. */
  rewrites?: string[];
  /** Whether the script's peers (bench/peers) are used when installed. */
  peers?: boolean;
  /** A failure is reported but does not fail the run. */
  optional?: string;
}

const core = (runtime: Runtime): Scenario[] => [
  {
    id: `inmemory-${runtime}`,
    issue: runtime === "node" ? "1" : "8",
    title: `In-memory callTool, mcpwire vs SDK v2 (${runtime})`,
    script: "inmemory.ts",
    runtime,
    // Deno and Bun call in memory ~10× faster than Node here: longer rounds keep GC pauses from
    // deciding a round.
    full: runtime === "node"
      ? { ROUNDS: "30", CALLS: "300", PARALLEL: "300", WRITE: "0" }
      : { ROUNDS: "30", CALLS: "2000", PARALLEL: "1000", WRITE: "0" },
    quick: { ROUNDS: "2", CALLS: "30", PARALLEL: "30", WRITE: "0" },
  },
  {
    id: `stdio-clients-${runtime}`,
    issue: runtime === "node" ? "2" : "8",
    title: `Stdio, whole clients: sequential and parallel tools/call (${runtime})`,
    script: "stdio-clients.ts",
    runtime,
    json: true,
    peers: runtime === "node",
    full: runtime === "node"
      ? { ROUNDS: "8", CALLS: "1000", PARALLEL: "3000" }
      : { ROUNDS: "8", CALLS: "1000", PARALLEL: "3000", PEERS: "0", SERVERS: "raw" },
    quick: { ROUNDS: "1", CALLS: "30", PARALLEL: "60", PEERS: "0", SERVERS: "raw" },
  },
];

/** Every scenario, in running order. */
export const SCENARIOS: Scenario[] = [
  ...core("node"),
  {
    id: "stdio-transport",
    issue: "2",
    title: "Stdio, transport layer: floor vs mcpwire vs SDK transports under one id matcher",
    script: "stdio.ts",
    runtime: "node",
    full: { ROUNDS: "8", CALLS: "1000", PARALLEL: "3000", COLD_ROUNDS: "3", NO_WRITE: "1" },
    quick: { ROUNDS: "1", CALLS: "30", PARALLEL: "60", COLD_ROUNDS: "1", NO_WRITE: "1" },
  },
  {
    id: "profile-calls",
    issue: "2",
    title: "Where a stdio call's client CPU goes: CPU profile, mcpwire and SDK v2",
    script: "profile-calls.ts",
    runtime: "node",
    json: true,
    full: { CALLS: "3000" },
    quick: { CALLS: "100" },
  },
  {
    id: "http",
    issue: "3",
    title: "Streamable HTTP on loopback (server-everything), mcpwire vs SDK v2",
    script: "http.ts",
    runtime: "node",
    full: { ROUNDS: "12", CALLS: "100", PARALLEL: "100" },
    quick: { ROUNDS: "1", CALLS: "5", PARALLEL: "5" },
    rewrites: ["http.md"],
  },
  {
    id: "cold-start",
    issue: "4, 7",
    title: "Cold start (spawn → first result) and import cost",
    script: "cold-start.ts",
    runtime: "node",
    json: true,
    peers: true,
    full: { ROUNDS: "9", PROFILE: "1" },
    quick: { ROUNDS: "1", PEERS: "0" },
  },
  {
    id: "cli-cold",
    issue: "#18",
    title:
      "Cold `mcpwire tools <server>` (spawn → exit) vs the SDK v2 client and the MCP Inspector CLI",
    script: "cli-cold.ts",
    runtime: "node",
    full: { ROUNDS: "9" },
    quick: { ROUNDS: "1", LAUNCHER: "0" },
  },
  {
    id: "multi-server",
    issue: "5",
    title: "Connect 1/5/10/20 stdio servers from one config",
    script: "multi-server.ts",
    runtime: "node",
    peers: true,
    full: { ROUNDS: "7" },
    quick: { ROUNDS: "1", CASES: "^[15]$", PEERS: "0" },
    rewrites: ["multi-server.md"],
  },
  {
    id: "rest",
    issue: "6",
    title: "REST binding over loopback vs direct client calls",
    script: "rest.ts",
    runtime: "node",
    // Eight rounds: the ≥ 0.9× ceiling target sits inside three rounds' spread (0.87–1.00).
    full: { ROUNDS: "8", SECONDS: "2" },
    quick: { ROUNDS: "1", SECONDS: "0.3" },
    rewrites: ["rest.md"],
  },
  {
    id: "memory",
    issue: "7",
    title: "Memory per open stdio / HTTP connection",
    script: "memory.ts",
    runtime: "node",
    json: true,
    peers: true,
    full: { CONNECTIONS: "20" },
    quick: { CONNECTIONS: "2", PEERS: "0", ONLY: "mcpwire" },
  },
  {
    id: "soak",
    issue: "14",
    title: "Soak: 120k tool calls, one in 20 timing out, memory and descriptors sampled",
    script: "soak.ts",
    runtime: "node",
    json: true,
    // HTTP gets fewer calls: on this shared 2-core machine it runs at a few hundred calls/s.
    full: { CALLS_STDIO: "100000", CALLS_HTTP: "20000", TIMEOUT_EVERY: "20", CONCURRENCY: "50" },
    quick: { CALLS: "400", SAMPLES: "2" },
  },
  ...core("deno"),
  ...core("bun"),
  ...(["deno", "bun"] as const).map((runtime): Scenario => ({
    id: `rest-${runtime}`,
    issue: "8",
    title: `REST binding over loopback vs direct client calls (${runtime})`,
    script: "rest.ts",
    runtime,
    full: { ROUNDS: "3", SECONDS: "2" },
    quick: null,
    rewrites: ["rest.md"],
  })),
];
