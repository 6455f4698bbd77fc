/**
 * The two ways a session starts: the legacy `initialize` handshake on the request engine (the
 * default; nothing from the SDK runtime is loaded), or an SDK `Client` for `protocol: "auto"` and
 * `"2026-07-28"`, imported on first use, which negotiates the era itself.
 */
import type { Client as SdkClient, ClientCapabilities } from "@modelcontextprotocol/client";
import type { RequestEngine } from "./_engine.ts";
import { checkResult } from "./_check-result.ts";
import type { ObservedTransport } from "./_wire.ts";
import { CORE_VERSION } from "./_version.ts";
import type { ClientOptions, InitializeResult } from "./types.ts";

/** The legacy revisions, newest first: the first is offered, any is accepted (as the SDK). */
export const LEGACY_PROTOCOL_VERSIONS: readonly string[] = [
  "2025-11-25",
  "2025-06-18",
  "2025-03-26",
  "2024-11-05",
  "2024-10-07",
];

/** What the handshake sends. */
export interface HandshakeInput {
  capabilities: ClientCapabilities;
  options: Readonly<ClientOptions>;
  timeout: number | undefined;
}

/**
 * Runs `initialize` and `notifications/initialized` on the engine.
 *
 * @throws {Error} when the server answers with a revision this client does not speak
 */
export async function legacyHandshake(
  engine: RequestEngine,
  wire: ObservedTransport,
  input: HandshakeInput,
): Promise<InitializeResult> {
  const { options, capabilities, timeout } = input;
  const clientInfo = { name: options.name ?? "mcpwire", version: options.version ?? CORE_VERSION };
  const params = { protocolVersion: LEGACY_PROTOCOL_VERSIONS[0], capabilities, clientInfo };
  const raw = await engine.request("initialize", params, { timeout });
  const version = (raw as { protocolVersion?: unknown } | undefined)?.protocolVersion;
  if (typeof version !== "string" || !LEGACY_PROTOCOL_VERSIONS.includes(version)) {
    throw new Error(`Server's protocol version is not supported: ${version}`);
  }
  const result = checkResult("initialize", raw);
  wire.setProtocolVersion(version);
  await engine.notify("notifications/initialized");
  return {
    serverInfo: result.serverInfo as InitializeResult["serverInfo"],
    capabilities: result.capabilities as InitializeResult["capabilities"],
    instructions: typeof result.instructions === "string" ? result.instructions : undefined,
    protocolVersion: version,
  };
}

const VERSIONS = { legacy: "legacy", auto: "auto", "2026-07-28": { pin: "2026-07-28" } } as const;

/** An SDK `Client` for era negotiation, loading the SDK's client runtime now. */
export async function sdkClient(
  options: Readonly<ClientOptions>,
  capabilities: ClientCapabilities,
): Promise<SdkClient> {
  const { Client } = await import("@modelcontextprotocol/client");
  const sdk = new Client(
    { name: options.name ?? "mcpwire", version: options.version ?? CORE_VERSION },
    {
      capabilities,
      versionNegotiation: { mode: VERSIONS[options.protocol ?? "legacy"] ?? "legacy" },
      listMaxPages: 250,
    },
  );
  sdk.onerror = () => {}; // errors reach callers through their requests
  return sdk;
}
