// The one place where Node, Deno and Bun differ: environment variables and listening on a port.
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

type FetchHandler = (request: Request) => Response | Promise<Response>;

/** Listens with the running runtime's own HTTP server. */
export async function listen(
  fetch: FetchHandler,
  hostname: string,
  port: number,
): Promise<Listening> {
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
  return await listenNode(fetch, hostname, port);
}

async function listenNode(fetch: FetchHandler, hostname: string, port: number): Promise<Listening> {
  const { serve } = await import("@hono/node-server");
  let server: ReturnType<typeof serve> | undefined;
  const actual = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch, hostname, port }, (info) => resolve(info.port));
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
 * Calls `gone` when the client disconnects before the answer is complete; returns the function that
 * stops watching. On Node the socket is watched (reading `request.signal` there would rebuild the
 * whole request); elsewhere the request's signal is.
 */
export function watchDisconnect(request: Request, env: unknown, gone: () => void): () => void {
  const outgoing = (env as { outgoing?: NodeResponseLike } | undefined)?.outgoing;
  if (outgoing && typeof outgoing.once === "function") {
    const onClose = () => {
      if (!outgoing.writableFinished) gone();
    };
    outgoing.once("close", onClose);
    return () => outgoing.off("close", onClose);
  }
  const signal = request.signal;
  signal.addEventListener("abort", gone, { once: true });
  return () => signal.removeEventListener("abort", gone);
}
