// A small OAuth-protected MCP server for tests: protected-resource and authorization-server
// metadata, dynamic registration, an authorize endpoint that redirects at once (no user), a token
// endpoint with refresh, and /mcp answering initialize and tools/list to valid bearer tokens.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** The running server and what it observed. */
export interface OAuthServer extends AsyncDisposable {
  url: URL;
  origin: string;
  /** Counts of requests per endpoint and grant type. */
  counts: Record<string, number>;
  /** The form of each /token request, in order. */
  tokenRequests: URLSearchParams[];
  /** Makes the current access token invalid, so the next call needs a refresh. */
  expireAccessToken(): void;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1. */
export async function startOAuthServer(): Promise<OAuthServer> {
  const counts: Record<string, number> = {};
  const count = (key: string) => counts[key] = (counts[key] ?? 0) + 1;
  const tokenRequests: URLSearchParams[] = [];
  let valid = new Set<string>();
  let issued = 0;
  let origin = "";
  const server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const url = new URL(req.url ?? "/", origin);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(
        JSON.stringify(body),
      );
    count(url.pathname);
    switch (url.pathname) {
      case "/.well-known/oauth-protected-resource/mcp":
        return send(200, { resource: `${origin}/mcp`, authorization_servers: [origin] });
      case "/.well-known/oauth-authorization-server":
        return send(200, {
          issuer: origin,
          authorization_endpoint: `${origin}/authorize`,
          token_endpoint: `${origin}/token`,
          registration_endpoint: `${origin}/register`,
          response_types_supported: ["code"],
          grant_types_supported: ["authorization_code", "refresh_token"],
          code_challenge_methods_supported: ["S256"],
          token_endpoint_auth_methods_supported: ["none"],
        });
      case "/register":
        return send(201, { ...JSON.parse(raw), client_id: "client-1" });
      case "/authorize": {
        const back = new URL(url.searchParams.get("redirect_uri")!);
        back.searchParams.set("code", "code-1");
        back.searchParams.set("state", url.searchParams.get("state") ?? "");
        return void res.writeHead(302, { location: back.href }).end();
      }
      case "/token": {
        const form = new URLSearchParams(raw);
        tokenRequests.push(form);
        count(`grant:${form.get("grant_type")}`);
        const access = `access-${++issued}`;
        valid = new Set([access]);
        return send(200, {
          access_token: access,
          refresh_token: "refresh-1",
          token_type: "Bearer",
          expires_in: 3600,
        });
      }
      case "/mcp": {
        const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
        if (!valid.has(token)) {
          return send(401, {}, {
            "www-authenticate":
              `Bearer resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`,
          });
        }
        if (req.method !== "POST") return void res.writeHead(405).end();
        const msg = JSON.parse(raw) as { id?: number; method?: string };
        if (msg.id === undefined) return void res.writeHead(202).end();
        const result = msg.method === "initialize"
          ? {
            protocolVersion: "2025-06-18",
            capabilities: { tools: {} },
            serverInfo: { name: "oauth-test", version: "1.0.0" },
          }
          : { tools: [] };
        return send(200, { jsonrpc: "2.0", id: msg.id, result });
      }
      default:
        return void res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  };
  return {
    url: new URL(`${origin}/mcp`),
    origin,
    counts,
    tokenRequests,
    expireAccessToken: () => valid = new Set(),
    close,
    [Symbol.asyncDispose]: close,
  };
}
