/**
 * `createPlayground`: the web playground as a Hono app — the UI, the REST binding under `/v1`,
 * and one event stream for live updates.
 *
 * @module
 */
import {
  createRestApp,
  ProblemError,
  problemResponse,
  type RunningServer,
  serve,
  type Upstream,
  type Upstreams,
} from "@mcpwire/bindings-rest";
import type { ClientOptions } from "@mcpwire/core";
import { Hono } from "hono";
import { fileURLToPath } from "node:url";
import { type Assets, loadAssets } from "./_assets.ts";
import { Hub } from "./_hub.ts";
import { eventRoutes, requestRoutes } from "./_event-routes.ts";
import { serverRoutes } from "./_server-routes.ts";
import { ServerStates } from "./_server-states.ts";
import { TaskBoard, taskRoutes } from "./_tasks.ts";
import { Traffic } from "./_traffic.ts";
import { OAUTH_CALLBACK_PATH, OAuthCallbacks, PlaygroundOAuth } from "./_oauth.ts";
import {
  addUpstream,
  buildUpstreams,
  configEntries,
  demoEntry,
  type ServerEntry,
  serverRegistry,
} from "./_servers.ts";
import type { DemoServerOptions } from "./demo-server.ts";

/** Options of {@linkcode createPlayground}. */
export interface PlaygroundOptions {
  /** An `mcpServers` config whose servers are shown beside the demo server. */
  config?: { mcpServers?: Record<string, unknown> };
  /** The file `config` was read from; "copy as TypeScript" snippets load it (absolute path). */
  configPath?: string;
  /** Include the embedded demo server. Default true. */
  demo?: boolean;
  /** Timing of the demo server's slow parts. */
  demoOptions?: DemoServerOptions;
  /** The address it will be served on (checked against `Host`). Default `127.0.0.1`. */
  hostname?: string;
  /** Options for every client (`timeout`, `initTimeout`, …). */
  clientOptions?: ClientOptions;
  /**
   * Milliseconds between heartbeats on the event stream; a page that misses three calls the
   * playground disconnected and reconnects. Default 5 000.
   */
  heartbeatMs?: number;
}

/** The playground app. */
export interface Playground {
  /** Answers an HTTP request. */
  fetch(request: Request): Promise<Response>;
  /** The servers it shows. */
  readonly upstreams: Upstreams;
  /** Connects every server once and builds the UI if needed. */
  ready(): Promise<void>;
  /** Ends every open event stream (the pages show "disconnected" and reconnect). */
  disconnectPages(): void;
  /** Closes every server and event stream. */
  close(): Promise<void>;
  /** Same as `close()`. */
  [Symbol.asyncDispose](): Promise<void>;
}

const CLI_BIN = fileURLToPath(new URL("../bin/mcpwire.mjs", import.meta.url));

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|[\w.-]+\.localhost)$/i;

function page(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>mcpwire playground</title><link rel="stylesheet" href="/assets/app.css"></head>` +
    `<body><div id="app"></div><script type="module" src="/assets/app.js"></script></body></html>`;
}

function callbackPage(text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<title>mcpwire playground: authorization</title></head>` +
    `<body><p data-testid="oauth-callback">${text}</p></body></html>`;
}

const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; " +
    "connect-src 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

function allowedHost(request: Request, bound: string): boolean {
  // Served on a public address (allowRemote): the Host is whatever name reaches it.
  if (!LOOPBACK.test(bound) && bound !== "::1") return true;
  const host = (request.headers.get("host") ?? new URL(request.url).host).replace(/:\d*$/, "");
  if (!LOOPBACK.test(host) && host !== bound) return false;
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  try {
    const url = new URL(origin);
    return url.hostname === host || url.hostname === bound || LOOPBACK.test(url.hostname);
  } catch {
    return false;
  }
}

/**
 * Creates the playground: the demo server (unless `demo: false`) and every server of `config`,
 * the web UI at `/`, the REST binding at `/v1/…`, and the live event stream at
 * `/playground/events`.
 *
 * @param options servers and behaviour
 * @returns the app; serve it with {@linkcode startPlayground} or any runtime's `fetch` handler
 * @example
 * ```ts
 * import { createPlayground } from "@mcpwire/playground";
 * await using playground = createPlayground();
 * const response = await playground.fetch(new Request("http://127.0.0.1/v1/servers"));
 * console.log((await response.json()).servers[0].name); // "demo"
 * ```
 */
export function createPlayground(options: PlaygroundOptions = {}): Playground {
  const hub = new Hub();
  const bound = options.hostname ?? "127.0.0.1";
  const entries: ServerEntry[] = [
    ...(options.demo === false ? [] : [demoEntry(options.demoOptions)]),
    ...(options.config ? configEntries(options.config) : []),
  ];
  const states = new ServerStates(hub);
  const traffic = new Traffic((entry) => hub.emit("traffic", entry));
  const tasks = new TaskBoard((row) => hub.emit("task", row));
  const callbacks = new OAuthCallbacks();
  const wiring = {
    hub,
    ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
    onConnected: (u: Upstream) => states.connected(u),
    traffic,
    oauth: (server: () => string) => new PlaygroundOAuth(server, hub, callbacks),
  };
  const upstreams = buildUpstreams(entries, wiring);
  const registry = serverRegistry(
    upstreams,
    options.config,
    (name, entry) =>
      addUpstream(upstreams, configEntries({ mcpServers: { [name]: entry } })[0]!, wiring),
    {
      changed: () => states.push(),
      // Nothing of a removed server stays: its traffic, its tasks, and the pages' copies.
      removed: (name) => {
        traffic.forget(name);
        tasks.forget(name);
        hub.emit("server-removed", { server: name });
      },
    },
  );
  states.start(upstreams, 250);
  const rest = createRestApp(upstreams, {
    hostname: bound,
    apiKeys: [],
    ...(options.clientOptions?.timeout ? { timeoutMs: options.clientOptions.timeout } : {}),
  });
  let assets: Promise<Assets> | undefined;
  const app = new Hono();
  app.use(async (c, next) => {
    if (!allowedHost(c.req.raw, bound)) return c.json({ error: "this Host is not allowed" }, 403);
    await next();
  });
  // A sign-in no page asked for redirects back to the origin the pages were first opened on.
  app.on("GET", ["/", "/playground/events"], async (c, next) => {
    callbacks.opened(new URL(c.req.url).origin);
    await next();
  });
  app.get("/", (c) => c.html(page(), 200, SECURITY_HEADERS));
  app.get(OAUTH_CALLBACK_PATH, (c) => {
    const found = callbacks.deliver(new URL(c.req.url).searchParams);
    const text = found
      ? "Authorized: the playground finishes connecting. You can close this tab."
      : "No authorization is waiting for this callback (finished or cancelled already).";
    return c.html(callbackPage(text), found ? 200 : 400, SECURITY_HEADERS);
  });
  app.get("/favicon.ico", (c) => c.body(null, 204));
  app.get("/assets/app.js", async (c) =>
    c.body((await (assets ??= loadAssets())).js, 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "no-cache",
    }));
  app.get("/assets/app.css", async (c) =>
    c.body((await (assets ??= loadAssets())).css, 200, {
      "content-type": "text/css; charset=utf-8",
      "cache-control": "no-cache",
    }));
  const streams = eventRoutes(app, hub, states, traffic, {
    heartbeatMs: options.heartbeatMs ?? 5_000,
    ready: () => rest.ready(),
    // How snippets reach the servers: the demo through this checkout's CLI, the others through
    // the config file the playground was started with.
    snippets: {
      ...(options.demo === false
        ? {}
        : { demo: { command: "node", args: [CLI_BIN, "demo-server"] } }),
      ...(options.configPath ? { configPath: options.configPath } : {}),
    },
    tasks,
  });
  requestRoutes(app, hub);
  serverRoutes(app, upstreams, () => rest.ready(), registry);
  taskRoutes(app, upstreams, tasks, () => rest.ready());
  app.all("*", (c) => rest.fetch(c.req.raw));
  // The playground's own routes answer an unknown server as the REST binding does (404 problem).
  app.onError((error, c) =>
    error instanceof ProblemError
      ? problemResponse(error)
      : c.json({ error: error instanceof Error ? error.message : String(error) }, 500)
  );
  const close = async () => {
    states.stop();
    streams.end();
    hub.close();
    await rest.close();
  };
  return {
    fetch: async (request) => await app.fetch(request),
    upstreams,
    ready: async () => {
      await Promise.all([rest.ready(), assets ??= loadAssets()]);
    },
    disconnectPages: () => streams.end(),
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** Options of {@linkcode startPlayground}. */
export interface StartPlaygroundOptions extends PlaygroundOptions {
  /** The port; `0` picks a free one. Default 5173. */
  port?: number;
  /**
   * Serve on a non-loopback address. The playground has no authentication and can launch the
   * servers of its config, so this is refused unless set. Default false.
   */
  allowRemote?: boolean;
}

/**
 * Creates the playground and serves it (Node, Deno or Bun).
 *
 * @param options servers, address and port
 * @returns the running server; `url` is the page to open
 * @throws {Error} when the port is taken, the UI cannot be built, or the address is not
 *   loopback without `allowRemote`
 * @example
 * ```ts ignore
 * import { startPlayground } from "@mcpwire/playground";
 * const server = await startPlayground({ port: 0 });
 * console.log(server.url);
 * await server.close();
 * ```
 */
export async function startPlayground(
  options: StartPlaygroundOptions = {},
): Promise<RunningServer> {
  const hostname = options.hostname ?? "127.0.0.1";
  if (!LOOPBACK.test(hostname) && hostname !== "::1" && !options.allowRemote) {
    throw new Error(
      `refusing to serve the playground on ${hostname}: it has no authentication ` +
        "(use 127.0.0.1, or pass allowRemote / --allow-remote)",
    );
  }
  const playground = createPlayground({ ...options, hostname });
  let running: RunningServer;
  try {
    running = await serve(playground, { hostname, port: options.port ?? 5173 });
  } catch (error) {
    await playground.close();
    throw error;
  }
  // Open pages hold an event stream each; ending them first lets every runtime's server stop
  // (Deno's waits for open responses).
  const close = async () => {
    playground.disconnectPages();
    await running.close();
  };
  return { ...running, close, [Symbol.asyncDispose]: close };
}
