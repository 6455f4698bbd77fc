/**
 * Test helpers shared by the mcpwire packages: polling with a deadline, commands that run a file
 * on the runtime running the test, free loopback ports, the reference servers, and the programs
 * some suites need (skipped when missing, failed under `MCPWIRE_REQUIRE`). Private to
 * the repository (never published); import it from test files (`*.test.ts`, `_test_*.ts`) only.
 *
 * @module
 */
export { eventually, waitFor } from "./wait.ts";
export { runJs, type RunOptions, runtimeArgs, runtimeCommand } from "./runtime.ts";
export { freePort } from "./ports.ts";
export { PEERS, type RunningServer, startEverything, stop } from "./peers.ts";
export {
  CHROMIUM,
  type Requirement,
  requirement,
  type RequirementOptions,
  REQUIREMENTS,
  SKIP_MARKER,
} from "./requirements.ts";
