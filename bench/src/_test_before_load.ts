// Loads MCPWIRE_BEFORE's old tree (HEAD, extracted under the folder given as the argument) and
// prints what it got as JSON. _before.test.ts runs it in a process of its own: the old copies of
// the packages register themselves globally when imported (core's optional-package loaders), and
// Bun runs every test file in one process, so loading them in the test itself let later test
// files use the old tree, and fail once its folder was gone.
import process from "node:process";
import { beforeHttpTransport, beforeStdio } from "./_before.ts";

const parent = process.argv[2];
if (!parent) throw new Error("usage: _test_before_load.ts <folder>");
const old = await beforeStdio("HEAD", parent);
const http = await beforeHttpTransport("HEAD", parent);
console.log(JSON.stringify({
  Client: typeof old?.Client,
  StdioTransport: typeof old?.StdioTransport,
  StreamableHttpTransport: typeof http,
}));
process.exit(0);
