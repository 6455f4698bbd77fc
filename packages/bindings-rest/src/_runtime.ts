// The one place where Node, Deno and Bun differ: environment variables and listening on a port.
import type { IncomingMessage, ServerOptions, ServerResponse } from "node:http";
interface DenoLike {
  env: { get(name: string): string | undefined };
  serve(
    options: {
      hostname: string;
      port: number;
      signal?: AbortSignal;
      onListen?: (addr: unknown) => void;
    },
    handler: (request: Request) => Response | Promise<Response>,
  ): { addr: { port: number }; shutdown(): Promise<void>; finished: Promise<void> };
}
interface BunLike {
  serve(options: {
    hostname: string;
    port: number;
    idleTimeout?: number;
    fetch: (request: Request) => Response | Promise<Response>;
  }): { port: number; stop(force?: boolean): Promise<void> | void };
}

const g = globalThis as {
  Deno?: DenoLike;
  Bun?: BunLike;
  process?: { env: Record<string, string | undefined> };
};

/** Reads an environment variable on any runtime; `undefined` when unset or not permitted. */
export function readEnv(name: string): string | undefined {
  try {
    if (g.Deno) return g.Deno.env.get(name);
    return g.process?.env[name];
  } catch {
    return undefined;
  }
}

/** A server listening on a port. */
export interface Listening {
  port: number;
  close(): Promise<void>;
}

/** A fetch handler; Node's server passes its request and response as `env`. */
type FetchHandler = (request: Request, env?: unknown) => Response | Promise<Response>;

/** Takes a request on Node before the app, answering whether it did (see `_fast-path.ts`). */
type NodeFirst = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Takes a request on Deno or Bun before the app, or answers `undefined` (`_web-fast-path.ts`). */
type WebFirst = (request: Request) => Promise<Response> | undefined;

/**
 * Listens with the running runtime's own HTTP server; `first` (on Node) or `webFirst` (on Deno
 * and Bun) may take a request before the app does.
 */
export async function listen(
  app: FetchHandler,
  hostname: string,
  port: number,
  first?: NodeFirst,
  webFirst?: WebFirst,
): Promise<Listening> {
  const fetch: FetchHandler = webFirst && !isNode()
    ? (request, env) => webFirst(request) ?? app(request, env)
    : app;
  if (g.Deno) {
    let listening = () => {};
    const ready = new Promise<void>((resolve) => (listening = resolve));
    const server = g.Deno.serve({ hostname, port, onListen: () => listening() }, fetch);
    await ready;
    return { port: server.addr.port, close: () => server.shutdown() };
  }
  if (g.Bun) {
    // Bun cuts idle connections after 10 s by default; long tool calls need more.
    const server = g.Bun.serve({ hostname, port, idleTimeout: 255, fetch });
    return { port: server.port, close: async () => void (await server.stop(true)) };
  }
  return await listenNode(app, hostname, port, first);
}

function isNode(): boolean {
  return !g.Deno && !g.Bun;
}

async function listenNode(
  fetch: FetchHandler,
  hostname: string,
  port: number,
  first: NodeFirst | undefined,
): Promise<Listening> {
  const { serve } = await import("@hono/node-server");
  const { createServer } = await import("node:http");
  let server: ReturnType<typeof serve> | undefined;
  const actual = await new Promise<number>((resolve, reject) => {
    const options = {
      fetch,
      hostname,
      port,
      ...(first && {
        createServer: (
          serverOptions: ServerOptions,
          app: (req: IncomingMessage, res: ServerResponse) => void,
        ) => createServer(serverOptions, (req, res) => first(req, res) || app(req, res)),
      }),
    };
    server = serve(options as Parameters<typeof serve>[0], (info) => resolve(info.port));
    server.once("error", reject);
  });
  return {
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server!.close(() => resolve());
      }),
  };
}

interface NodeResponseLike {
  writableFinished?: boolean;
  once(event: "close", listener: () => void): unknown;
  off(event: "close", listener: () => void): unknown;
}

/**
 * A signal aborted when the client disconnects before the answer is complete, and `done` to call
 * once the answer is ready. On Node the response's socket is watched (reading `request.signal`
 * there would rebuild the whole request); elsewhere it is the request's own signal (some runtimes,
 * Deno among them, also abort it after a complete answer, which is harmless once the call is done).
 */
export function disconnectSignal(
  request: Request,
  env: unknown,
): { signal: AbortSignal; done: () => void } {
  const outgoing = (env as { outgoing?: NodeResponseLike } | undefined)?.outgoing;
  if (!outgoing || typeof outgoing.once !== "function") {
    return { signal: request.signal, done: () => {} };
  }
  const controller = new AbortController();
  const onClose = () => {
    if (!outgoing.writableFinished) controller.abort();
  };
  outgoing.once("close", onClose);
  return { signal: controller.signal, done: () => outgoing.off("close", onClose) };
}
