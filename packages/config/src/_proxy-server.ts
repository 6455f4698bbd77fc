/**
 * An in-memory MCP server in front of a {@linkcode MultiServerClient}: what `new Client(config)`
 * in core talks to when the config has several servers.
 *
 * @module
 */
import { McpError } from "@mcpwire/core";
import { ProtocolError, Server, type ServerContext } from "@modelcontextprotocol/server";
import type { RequestOptions } from "@modelcontextprotocol/client";
import type { MultiServerClient } from "./multi-server-client.ts";

const INTERNAL_ERROR = -32603;

/** Builds the proxy server; connect it to a transport afterwards. */
export function createProxyServer(multi: MultiServerClient): Server {
  const server = new Server(
    { name: "mcpwire-config", version: "0.1.0" },
    {
      capabilities: multi.capabilities(),
      ...(multi.instructions && { instructions: multi.instructions }),
    },
  );
  const caps = multi.capabilities();
  const handle = <T>(run: () => Promise<T>): Promise<T> =>
    run().catch((error) => Promise.reject(toWire(error)));
  if (caps.tools) {
    server.setRequestHandler("tools/list", () => handle(() => multi.listTools()));
    server.setRequestHandler(
      "tools/call",
      (request, ctx) =>
        handle(() => multi.callTool(withoutProgressToken(request.params), forwarded(ctx))),
    );
  }
  if (caps.resources) {
    server.setRequestHandler("resources/list", () => handle(() => multi.listResources()));
    server.setRequestHandler(
      "resources/templates/list",
      () => handle(() => multi.listResourceTemplates()),
    );
    server.setRequestHandler(
      "resources/read",
      (request, ctx) =>
        handle(() => multi.readResource(withoutProgressToken(request.params), forwarded(ctx))),
    );
    if (caps.resources.subscribe) {
      server.setRequestHandler(
        "resources/subscribe",
        (request) => handle(async () => (await multi.subscribeResource(request.params.uri), {})),
      );
      server.setRequestHandler(
        "resources/unsubscribe",
        (request) => handle(async () => (await multi.unsubscribeResource(request.params.uri), {})),
      );
    }
  }
  if (caps.prompts) {
    server.setRequestHandler("prompts/list", () => handle(() => multi.listPrompts()));
    server.setRequestHandler(
      "prompts/get",
      (request, ctx) =>
        handle(() => multi.getPrompt(withoutProgressToken(request.params), forwarded(ctx))),
    );
  }
  if (caps.completions) {
    server.setRequestHandler(
      "completion/complete",
      (request, ctx) => handle(() => multi.complete(request.params, forwarded(ctx))),
    );
  }
  if (caps.logging) {
    server.setRequestHandler(
      "logging/setLevel",
      (request) => handle(async () => (await multi.setLoggingLevel(request.params.level), {})),
    );
  }
  server.setNotificationHandler(
    "notifications/roots/list_changed",
    () => multi.sendRootsListChanged(),
  );
  return server;
}

/** Signal, and progress sent on to the caller under the caller's own token. */
function forwarded(ctx: ServerContext): RequestOptions {
  const token = ctx.mcpReq._meta?.progressToken;
  const options: RequestOptions = { signal: ctx.mcpReq.signal };
  if (token !== undefined) {
    options.onprogress = (progress) => {
      void ctx.mcpReq.notify({
        method: "notifications/progress",
        params: { ...progress, progressToken: token },
      })
        .catch(() => {});
    };
  }
  return options;
}

/** The SDK adds its own progress token to the upstream request when `onprogress` is set. */
function withoutProgressToken<T extends { _meta?: Record<string, unknown> }>(params: T): T {
  if (params._meta?.progressToken === undefined) return params;
  const { progressToken: _, ...meta } = params._meta;
  return { ...params, _meta: meta };
}

/** Errors keep their JSON-RPC code across the proxy; local ones become internal errors. */
function toWire(error: unknown): Error {
  if (error instanceof McpError) return new ProtocolError(error.rpcCode, error.message, error.data);
  const code = (error as { code?: unknown }).code;
  if (typeof code === "number") return error as Error;
  const message = error instanceof Error ? error.message : String(error);
  return new ProtocolError(INTERNAL_ERROR, message);
}
