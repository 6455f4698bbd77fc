/**
 * `createRestApp`: a Hono app serving MCP servers as plain HTTP/JSON with an OpenAPI document.
 *
 * @module
 */
import { Hono } from "hono";
import { docsHeaders, docsPage } from "./_docs-page.ts";
import { type Gate, problemMapper, requestIds, setGate } from "./_gate.ts";
import { promptRoutes } from "./_routes-prompts.ts";
import { resourceRoutes } from "./_routes-resources.ts";
import { serverRoutes } from "./_routes-servers.ts";
import { taskRoutes } from "./_routes-tasks.ts";
import { offersTasks } from "./_task-run.ts";
import { toolRoutes } from "./_routes-tools.ts";
import { readEnv } from "./_runtime.ts";
import {
  apiKeyAuth,
  corsFor,
  corsHeaders,
  type CorsOptions,
  hostCheck,
  hostGuard,
  keyCheck,
} from "./_security.ts";
import type { Env, Settings } from "./_settings.ts";
import { routeName, splitConfig } from "./_sources.ts";
import { Client, type Source } from "@mcpwire/core";
import { buildOpenApi } from "./openapi.ts";
import { ProblemError, problemResponse } from "./problem.ts";
import { type Upstream, type UpstreamOptions, Upstreams } from "./upstreams.ts";

/** Options of {@linkcode createRestApp}. */
export interface RestAppOptions {
  /** Bearer API keys. Default: `MCPWIRE_API_KEYS` (comma-separated); none means no auth. */
  apiKeys?: readonly string[];
  /** The address the app will be served on. Default `127.0.0.1`; on loopback, Host and Origin are checked. */
  hostname?: string;
  /** More `Host` names to accept (such as the name a reverse proxy forwards). */
  allowedHosts?: readonly string[];
  /** Allow serving on a non-loopback address without API keys. Default false. */
  allowUnauthenticated?: boolean;
  /** CORS settings; CORS is off when absent. */
  cors?: CorsOptions;
  /** The largest accepted body in bytes. Default 10 MiB. */
  bodyLimit?: number;
  /**
   * The deepest nesting of arrays and objects accepted in a JSON body; deeper bodies answer 400
   * `body_too_deep` before anything is sent to a server. Default 64.
   */
  maxDepth?: number;
  /** The default timeout of a call in milliseconds (header `X-MCP-Timeout-Ms` overrides). Default 60 000. */
  timeoutMs?: number;
  /** Milliseconds between keep-alive pings on event streams. Default 15 000. */
  pingIntervalMs?: number;
  /** The header set to `1` on a tool result with `isError`, or `false` for none. Default `MCP-Tool-Error`. */
  toolErrorHeader?: string | false;
  /** The route name of a single (non-config) server. Default: its `serverInfo.name`, sanitized. */
  name?: string;
  /** Names of servers that `/readyz` requires (config entries may also say `"required": true`). */
  required?: readonly string[];
  /** Options given to each core `Client` (`timeout`, `initTimeout`, …). */
  clientOptions?: Readonly<Record<string, unknown>>;
  /** Receives errors answered as 500 (bugs). Default: written to stderr with the request id. */
  onInternalError?: (error: unknown, requestId: string) => void;
  /** The OpenAPI document's title. */
  title?: string;
  /** The OpenAPI document's version. */
  version?: string;
}

/** The Hono app of {@linkcode createRestApp}, with its servers and lifecycle. */
export type RestApp = Hono<Env> & {
  /** The servers it serves. */
  readonly upstreams: Upstreams;
  /** The resolved settings (read by `serve`). */
  readonly settings: Settings & { allowUnauthenticated: boolean };
  /** Resolves once every server has connected or failed once. */
  ready(): Promise<void>;
  /**
   * The OpenAPI 3.1 document `GET /v1/openapi.json` answers (after `ready()`), for code
   * generators and tests.
   */
  openApi(): Promise<Record<string, unknown>>;
  /** Closes every server. */
  close(): Promise<void>;
  /** Closes every server. */
  [Symbol.asyncDispose](): Promise<void>;
};

const MIB = 1024 * 1024;

function defaultLog(error: unknown, requestId: string): void {
  console.error(`mcpwire-rest: internal error in request ${requestId}:`, error);
}

function upstreamsFrom(
  source: unknown,
  options: RestAppOptions,
): { upstreams: Upstreams; rename?: Upstream } {
  if (source instanceof Upstreams) return { upstreams: source };
  const upstreams = new Upstreams();
  const required = new Set(options.required ?? []);
  const clientOptions = { ...options.clientOptions };
  const addClient = (name: string, config: unknown, upstreamOptions: UpstreamOptions) => {
    const holder: { upstream?: Upstream } = {};
    const client = new Client(config as Source, {
      ...clientOptions,
      logHandler: (log) => holder.upstream?.emitLog(log),
    });
    return (holder.upstream = upstreams.add(name, client, upstreamOptions));
  };
  const servers = splitConfig(source);
  if (servers) {
    for (const s of servers) {
      addClient(s.name, s.config, {
        required: s.required || required.has(s.name),
        transport: s.transport,
        secrets: s.secrets,
      });
    }
    return { upstreams };
  }
  const upstream = addClient(options.name ?? "server", source, {
    required: true,
    transport: typeof source === "string" ? "auto" : "object",
  });
  return { upstreams, ...(options.name ? {} : { rename: upstream }) };
}

function keysFrom(options: RestAppOptions): string[] {
  const keys = options.apiKeys ?? (readEnv("MCPWIRE_API_KEYS") ?? "").split(",");
  return keys.map((k) => k.trim()).filter((k) => k.length > 0);
}

/**
 * Creates the Hono app serving `source` as REST. `source` is anything core's `new Client()`
 * accepts — usually an `mcpServers` config, served as one client per server — or an
 * {@linkcode Upstreams} registry. Servers connect on the first request (or `await app.ready()`).
 *
 * @param source an `mcpServers` config, any other `Client` source, or an `Upstreams`
 * @param options security, limits and behaviour
 * @returns the app; serve it with `serve(app)` or any runtime's `fetch` handler
 * @throws {TypeError} for contradictory CORS options
 * @example
 * ```ts ignore
 * import { createRestApp, serve } from "@mcpwire/bindings-rest";
 * const app = createRestApp({ mcpServers: { everything: { command: "npx", args: ["@modelcontextprotocol/server-everything"] } } });
 * const server = await serve(app, { port: 8787 });
 * console.log(`listening on ${server.url}`);
 * ```
 */
export function createRestApp(source: unknown, options: RestAppOptions = {}): RestApp {
  const { upstreams, rename } = upstreamsFrom(source, options);
  const keys = keysFrom(options);
  const settings = {
    upstreams,
    bodyLimit: options.bodyLimit ?? 10 * MIB,
    maxDepth: options.maxDepth ?? 64,
    timeoutMs: options.timeoutMs ?? 60_000,
    pingIntervalMs: options.pingIntervalMs ?? 15_000,
    toolErrorHeader: options.toolErrorHeader ?? "MCP-Tool-Error",
    hostname: options.hostname ?? "127.0.0.1",
    secured: keys.length > 0,
    allowUnauthenticated: options.allowUnauthenticated ?? false,
    title: options.title ?? "mcpwire REST",
    version: options.version ?? "0.1.0",
  };
  let readiness: Promise<void> | undefined;
  let isReady = false;
  const ready = () =>
    readiness ??= upstreams.connect().then(() => {
      if (rename?.info) {
        upstreams.rename(
          rename.name,
          routeName((rename.info.serverInfo as { name?: string })?.name),
        );
      }
      isReady = true;
    });

  const corsOrigins = options.cors ? [options.cors.origin].flat() : [];
  const gate: Gate = {
    settings,
    checkHost: hostGuard(() => settings.hostname, options.allowedHosts ?? [], corsOrigins),
    ...(keys.length > 0 ? { checkKey: keyCheck(keys) } : {}),
    ...(options.cors ? { cors: corsHeaders(options.cors) } : {}),
    ready,
    isReady: () => isReady,
    problemOf: problemMapper(options.onInternalError ?? defaultLog),
  };
  const app = new Hono<Env>();
  app.use(requestIds());
  if (options.cors) app.use(corsFor(options.cors));
  app.use(hostCheck(gate.checkHost));
  if (gate.checkKey) app.use(apiKeyAuth(gate.checkKey));
  app.use(async (c, next) => {
    if (c.req.path !== "/healthz") await ready();
    await next();
  });
  serverRoutes(app, settings);
  resourceRoutes(app, settings);
  promptRoutes(app, settings);
  toolRoutes(app, settings);
  taskRoutes(app, settings);
  docRoutes(app, settings);
  const allowed = allowedMethods(app);
  app.notFound((c) => {
    const allow = allowed(c.req.path);
    if (allow.length === 0) {
      return problemResponse(
        new ProblemError("not_found", `no route ${c.req.method} ${c.req.path.slice(0, 200)}`),
        c.get("requestId"),
      );
    }
    if (c.req.method === "OPTIONS") return c.body(null, 204, { Allow: allow.join(", ") });
    return problemResponse(
      new ProblemError(
        "method_not_allowed",
        `${c.req.path.slice(0, 200)} does not take ${c.req.method.slice(0, 20)}; it takes ${
          allow.join(", ")
        }`,
        {},
        { allow: allow.join(", ") },
      ),
      c.get("requestId"),
    );
  });
  app.onError((err, c) =>
    problemResponse(gate.problemOf(err, c.get("requestId")), c.get("requestId"))
  );
  setGate(app, gate);

  const close = async () => void (await upstreams.close());
  const openApi = async () => (await ready(), await documentOf(settings)());
  return Object.assign(app, {
    upstreams,
    settings,
    ready,
    openApi,
    close,
    [Symbol.asyncDispose]: close,
  });
}

/**
 * The methods the app's routes take on a path (HEAD and OPTIONS included when any), read from
 * the app itself so that routes added later are covered.
 */
function allowedMethods(app: Hono<Env>): (path: string) => string[] {
  let table: { pattern: RegExp; method: string }[] | undefined;
  return (path) => {
    table ??= app.routes.filter((r) => r.method !== "ALL").map((r) => {
      const escaped = r.path.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&").replace(/:\w+/g, "[^/]+");
      return { pattern: new RegExp(`^${escaped}$`), method: r.method };
    });
    const methods = new Set(table.filter((r) => r.pattern.test(path)).map((r) => r.method));
    if (methods.size === 0) return [];
    if (methods.has("GET")) methods.add("HEAD");
    methods.add("OPTIONS");
    return [...methods];
  };
}

/** Builds the OpenAPI document of some of the app's servers, from their live tool lists. */
function documentOf(s: Settings): (names?: readonly string[]) => Promise<Record<string, unknown>> {
  return async (names = s.upstreams.names()) => {
    const servers = [];
    for (const name of names) {
      const u = s.upstreams.get(name);
      const tools = u.state === "connected" ? await u.tools().catch(() => []) : [];
      servers.push({
        name: u.name,
        tools,
        tasks: offersTasks(u),
        ...(u.info?.instructions ? { description: u.info.instructions } : {}),
      });
    }
    return buildOpenApi(servers, {
      title: s.title,
      version: s.version,
      secured: s.secured,
      serverNames: servers.map((x) => x.name),
    });
  };
}

function docRoutes(app: Hono<Env>, s: Settings): void {
  const document = documentOf(s);
  app.get("/v1/openapi.json", async (c) => c.json(await document()));
  app.get("/v1/servers/:server/openapi.json", async (c) => {
    const name = s.upstreams.get(c.req.param("server")).name;
    return c.json(await document([name]));
  });
  app.get("/v1/docs", (c) => {
    const nonce = crypto.randomUUID().replaceAll("-", "");
    return c.body(docsPage(nonce), 200, docsHeaders(nonce));
  });
}
