// The HTTP side of the REST ceiling, shared by _rest-ceiling.mjs (over a stdio MCP server) and
// rest-instant.mjs (over an upstream that answers at once): a node:http server that parses each
// body, calls the tool on a connected core `Client` and writes the JSON, with no routing, checks,
// limits, problem mapping or disconnect handling. Plain JavaScript, so it runs as the binding does.
import { createServer } from "node:http";
import process from "node:process";

/**
 * Serves `tool` of `client` on a free loopback port, prints `listening on <url>` on stderr once it
 * answers, and on SIGTERM or SIGINT closes the server and the client and exits.
 *
 * @param {import("@mcpwire/core").Client} client a connected client
 * @param {string} tool the tool every request calls
 * @returns {void}
 */
// deno-lint-ignore explicit-module-boundary-types -- plain JavaScript (plain node runs it with BUILT=1)
export function serveCeiling(client, tool) {
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
}
