// The ceiling of any REST binding on this runtime, in its own process as the binding is: a node:http
// server that parses each body, calls a core `Client` and writes the JSON, with no routing, checks,
// limits, problem mapping or disconnect handling. Started by rest.ts; prints `listening on <url>`
// on stderr once it answers. Plain JavaScript, so it runs the same way as the binding does: from
// the sources under tsx (`--conditions=@mcpwire/source --import tsx`), or as shipped (plain `node`,
// core's built `dist`).
// Run: node [--conditions=@mcpwire/source --import tsx] bench/src/_rest-ceiling.mjs <config> <server> <tool>
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import process from "node:process";
import { Client } from "@mcpwire/core";

const [path, server, tool] = process.argv.slice(2);
if (!path || !server || !tool) throw new Error("usage: _rest-ceiling.mjs <config> <server> <tool>");
const { mcpServers } = JSON.parse(readFileSync(path, "utf8"));
const client = await new Client({ mcpServers: { [server]: mcpServers[server] } }).connect();
await client.listTools();

const http = createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8").on("data", (text) => (body += text)).on("end", async () => {
    try {
      const r = await client.callTool(tool, JSON.parse(body), { raiseOnError: false });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({
        content: r.content,
        structuredContent: r.structuredContent ?? null,
        data: r.data ?? null,
        isError: r.isError === true,
      }));
    } catch {
      res.writeHead(500).end();
    }
  });
});
http.listen(0, "127.0.0.1", () => {
  console.error(`listening on http://127.0.0.1:${http.address().port}/`);
});
const stop = () => {
  http.closeAllConnections();
  http.close();
  void client.close().finally(() => process.exit(0));
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
