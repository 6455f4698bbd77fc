// The ceiling of any REST binding on this runtime, in its own process as the binding is: a node:http
// server that parses each body, calls a core `Client` and writes the JSON (_ceiling-server.mjs).
// Started by rest.ts; prints `listening on <url>` on stderr once it answers. Plain JavaScript, so it runs the same way as the binding does: from
// the sources under tsx (`--conditions=@mcpwire/source --import tsx`), or as shipped (plain `node`,
// core's built `dist`).
// Run: node [--conditions=@mcpwire/source --import tsx] bench/src/_rest-ceiling.mjs <config> <server> <tool>
import { readFileSync } from "node:fs";
import process from "node:process";
import { Client } from "@mcpwire/core";
import { serveCeiling } from "./_ceiling-server.mjs";

const [path, server, tool] = process.argv.slice(2);
if (!path || !server || !tool) throw new Error("usage: _rest-ceiling.mjs <config> <server> <tool>");
const { mcpServers } = JSON.parse(readFileSync(path, "utf8"));
const client = await new Client({ mcpServers: { [server]: mcpServers[server] } }).connect();
await client.listTools();
serveCeiling(client, tool);
