/**
 * What passes between the user's `Client` and each server's: the options each server's `Client`
 * gets (only the handlers the user gave, so each server sees the same capabilities as alone), and
 * the notifications sent back up, marked with the server they came from.
 *
 * @module
 */
import type { ClientOptions, RootsOption, ServerNotification } from "@mcpwire/core";
import type { ServerConnection } from "./_server-connection.ts";
import { SERVER_META_KEY } from "./_catalog.ts";

/** The options of one server's core `Client`, from the user's. */
export function perServerOptions(
  user: Readonly<ClientOptions>,
  server: string,
  roots: RootsOption | undefined,
  forward: (notification: ServerNotification) => void,
): ClientOptions {
  const { samplingHandler: sampling, elicitationHandler: elicitation } = user;
  const withServer = <P extends { _meta?: Record<string, unknown> }>(params: P): P => ({
    ...params,
    _meta: { ...params._meta, [SERVER_META_KEY]: server },
  });
  return {
    ...(user.name !== undefined && { name: user.name }),
    ...(user.version !== undefined && { version: user.version }),
    ...(user.timeout !== undefined && { timeout: user.timeout }),
    ...(user.protocol !== undefined && { protocol: user.protocol }),
    ...(user.progressHandler && { progressHandler: user.progressHandler }),
    ...(user.onWarning && { onWarning: user.onWarning }),
    // each server's client reports its own traffic, named after its entry (`serverName`)
    ...(user.trafficHandler && { trafficHandler: user.trafficHandler }),
    ...(roots && { roots }),
    ...(sampling && {
      samplingHandler: (messages, params, context) =>
        sampling(messages, withServer(params), { ...context, server }),
    }),
    ...(elicitation && {
      elicitationHandler: (message, schema, params, context) =>
        elicitation(message, schema, withServer(params), { ...context, server }),
    }),
    // Logs and every other notification reach the user's client, which handles them once.
    logHandler: () => {},
    messageHandler: forward,
  };
}

/**
 * A server's notification as the user's client receives it: `_meta["mcpwire/server"]` names the
 * server, log loggers start with it, and resource URIs are exposed as the listings show them.
 */
export function forwardNotification(
  server: string,
  notification: ServerNotification,
  exposeUri: (uri: string) => string,
): ServerNotification {
  const params: Record<string, unknown> = { ...notification.params };
  params._meta = { ...(params._meta as object | undefined), [SERVER_META_KEY]: server };
  if (notification.method === "notifications/message") {
    params.logger = typeof params.logger === "string" ? `${server}/${params.logger}` : server;
  }
  if (notification.method === "notifications/resources/updated" && typeof params.uri === "string") {
    params.uri = exposeUri(params.uri);
  }
  return { method: notification.method, params };
}

const LIST_METHODS = {
  tools: "notifications/tools/list_changed",
  resources: "notifications/resources/list_changed",
  prompts: "notifications/prompts/list_changed",
} as const;

/** The notifications telling the client the merged listings changed: `server` arrived or left. */
export function listsChanged(server: string): ServerNotification[] {
  return Object.values(LIST_METHODS).map((method) => ({
    method,
    params: { _meta: { [SERVER_META_KEY]: server } },
  }));
}

/** Drops the listings of `connection` that a `list_changed` notification (`method`) outdates. */
export function invalidate(connection: ServerConnection, method: string): void {
  if (method === LIST_METHODS.tools) delete connection.cache.tools;
  if (method === LIST_METHODS.prompts) delete connection.cache.prompts;
  if (method === LIST_METHODS.resources) {
    delete connection.cache.resources;
    delete connection.cache.resourceTemplates;
  }
}
