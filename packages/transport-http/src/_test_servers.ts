// Test helpers: small node:http fault servers on 127.0.0.1 (free ports and server-everything come
// from @mcpwire/testing).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A node:http server on 127.0.0.1 with a handler written by the test. */
export interface FaultServer extends AsyncDisposable {
  url: URL;
  server: Server;
  requests: { method: string; headers: IncomingMessage["headers"]; body: string }[];
  close(): Promise<void>;
}

/** Starts a fault server at `/mcp`; the handler gets the parsed JSON body (or undefined). */
export async function startFaultServer(
  handler: (req: IncomingMessage, res: ServerResponse, body: unknown) => void | Promise<void>,
): Promise<FaultServer> {
  const requests: FaultServer["requests"] = [];
  const server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    requests.push({ method: req.method ?? "", headers: req.headers, body: raw });
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    try {
      await handler(req, res, body);
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  };
  return {
    url: new URL(`http://127.0.0.1:${port}/mcp`),
    server,
    requests,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** Answers a JSON-RPC request with a JSON body. */
export function json(
  res: ServerResponse,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(200, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

/** A minimal initialize result. */
export function initializeResult(id: unknown, protocolVersion = "2025-06-18"): unknown {
  return {
    jsonrpc: "2.0",
    id,
    result: {
      protocolVersion,
      capabilities: { tools: {} },
      serverInfo: { name: "fault", version: "1.0.0" },
    },
  };
}
