/**
 * `serve`: runs a REST app on Node, Deno or Bun, whichever is running.
 *
 * @module
 */
import { createNodeHandler } from "./_fast-path.ts";
import { gateOf } from "./_gate.ts";
import { listen } from "./_runtime.ts";
import { createWebHandler } from "./_web-fast-path.ts";
import { isLoopback } from "./_security.ts";

/** Options of {@linkcode serve}. */
export interface ServeOptions {
  /** The address to bind. Default: the app's `hostname` option, else `127.0.0.1`. */
  hostname?: string;
  /** The port; `0` picks a free one. Default 8787. */
  port?: number;
}

/** A running server. */
export interface RunningServer {
  /** The bound address. */
  readonly hostname: string;
  /** The bound port. */
  readonly port: number;
  /** `http://host:port`. */
  readonly url: string;
  /** Stops listening and closes the app's servers. */
  close(): Promise<void>;
  /** Same as `close()`. */
  [Symbol.asyncDispose](): Promise<void>;
}

interface ServableApp {
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
  settings?: { hostname: string; secured: boolean; allowUnauthenticated: boolean };
  ready?: () => Promise<void>;
  close?: () => Promise<void>;
}

/**
 * Serves an app over HTTP with the running runtime's server (`@hono/node-server` on Node,
 * `Deno.serve`, `Bun.serve`), after connecting its MCP servers. JSON tool calls take a fast path
 * past Hono's router and middlewares that answers exactly as the app does.
 *
 * @param app a REST app (or any object with a `fetch` handler)
 * @param options hostname and port
 * @returns the running server
 * @throws {Error} when asked to listen on a non-loopback address without API keys, unless the app
 *   was created with `allowUnauthenticated: true`
 * @example
 * ```ts ignore
 * import { createRestApp, serve } from "@mcpwire/bindings-rest";
 * const server = await serve(createRestApp({ mcpServers: {} }), { port: 0 });
 * console.log(server.url);
 * await server.close();
 * ```
 */
export async function serve(app: ServableApp, options: ServeOptions = {}): Promise<RunningServer> {
  const hostname = options.hostname ?? app.settings?.hostname ?? "127.0.0.1";
  const s = app.settings;
  if (s && !isLoopback(hostname) && !s.secured && !s.allowUnauthenticated) {
    throw new Error(
      `refusing to serve on ${hostname} without API keys: set MCPWIRE_API_KEYS or apiKeys, ` +
        "or pass allowUnauthenticated: true (--allow-unauthenticated)",
    );
  }
  if (s) s.hostname = hostname;
  await app.ready?.();
  const gate = gateOf(app);
  const server = await listen(
    (request, env) => app.fetch(request, env),
    hostname,
    options.port ?? 8787,
    gate && createNodeHandler(gate),
    gate && createWebHandler(gate),
  );
  const host = hostname.includes(":") ? `[${hostname}]` : hostname;
  const close = async () => {
    await server.close();
    await app.close?.();
  };
  return {
    hostname,
    port: server.port,
    url: `http://${host}:${server.port}`,
    close,
    [Symbol.asyncDispose]: close,
  };
}
