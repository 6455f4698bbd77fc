/**
 * What a config's servers say about themselves, merged into the one `initialize` result the
 * `Client` over the router reports.
 *
 * @module
 */
import { CORE_VERSION, type InitializeResult, type ServerCapabilities } from "@mcpwire/core";
import type { ServerConnection } from "./_server-connection.ts";

// the packages are released together (one version for all), so core's version is config's
const CONFIG_INFO = { name: "mcpwire-config", version: CORE_VERSION };

/**
 * The one server's own result when the config has one server, else the servers' capabilities
 * and instructions merged; `undefined` while none is connected.
 *
 * @param live the connected servers
 * @param single whether the config has one enabled server
 */
export function mergedInitializeResult(
  live: ServerConnection[],
  single: boolean,
): InitializeResult | undefined {
  const first = live[0]?.client?.initializeResult;
  if (!first) return undefined;
  if (single) return first;
  const instructions = live
    .map((c) => [c.name, c.client?.initializeResult?.instructions] as const)
    .filter(([, text]) => text)
    .map(([name, text]) => `## ${name}\n\n${text}`);
  return {
    serverInfo: { ...CONFIG_INFO },
    capabilities: mergedCapabilities(live),
    instructions: instructions.length ? instructions.join("\n\n") : undefined,
    protocolVersion: first.protocolVersion,
  };
}

/** What connected servers can do, merged: a capability is there when any server has it. */
export function mergedCapabilities(live: ServerConnection[]): ServerCapabilities {
  const merged: ServerCapabilities = {};
  for (const connection of live) {
    const caps = connection.client?.initializeResult?.capabilities ?? {};
    if (caps.tools) merged.tools = { listChanged: true };
    if (caps.prompts) merged.prompts = { listChanged: true };
    if (caps.resources) {
      merged.resources = {
        listChanged: true,
        subscribe: merged.resources?.subscribe || !!caps.resources.subscribe,
      };
    }
    if (caps.logging) merged.logging = {};
    if (caps.completions) merged.completions = {};
  }
  return merged;
}
