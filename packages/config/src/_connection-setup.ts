/**
 * What each server connection of a multi-server client is given: client info, capabilities
 * implied by the handlers, the handlers themselves, and what to do on list changes and losses.
 *
 * @module
 */
import type { ClientCapabilities } from "@modelcontextprotocol/client";
import type { ConnectionSetup, ListKind } from "./_server-connection.ts";
import type { MultiServerClientOptions } from "./_types.ts";

const CLIENT_INFO = { name: "mcpwire-config", version: "0.1.0" };

/** What the setup needs from the multi-server client. */
export interface SetupHooks {
  /** Prefixes a URI of `server` as the listings do. */
  exposeUri(server: string, uri: string): string;
  /** Reports a lost server. */
  warn(message: string, error: Error | undefined): void;
}

/** Builds the setup shared by every connection. */
export function connectionSetup(
  options: MultiServerClientOptions,
  hooks: SetupHooks,
): ConnectionSetup {
  const { handlers = {} } = options;
  const capabilities: ClientCapabilities = { ...options.capabilities };
  if (handlers.sampling) capabilities.sampling ??= {};
  if (handlers.elicitation) capabilities.elicitation ??= { form: {} };
  if (handlers.roots) capabilities.roots ??= { listChanged: true };
  const { resourceUpdated, listChanged } = handlers;
  return {
    clientInfo: options.clientInfo ?? CLIENT_INFO,
    capabilities,
    handlers: {
      ...handlers,
      ...(resourceUpdated && {
        resourceUpdated: (params, context) =>
          resourceUpdated({ ...params, uri: hooks.exposeUri(context.server, params.uri) }, context),
      }),
    },
    onListChanged: (kind: ListKind, server: string) => {
      if (kind !== "resourceTemplates") listChanged?.(kind, { server });
    },
    onLost: (server: string, error: Error | undefined) => {
      hooks.warn(`server '${server}' disconnected${error ? `: ${error.message}` : ""}`, error);
      for (const kind of ["tools", "resources", "prompts"] as const) {
        listChanged?.(kind, { server });
      }
    },
  };
}
