// The client under test for @modelcontextprotocol/conformance: mcpwire's own Client over
// @mcpwire/transport-http. The server URL is the last argument, the scenario is in
// MCP_CONFORMANCE_SCENARIO, credentials (when a scenario needs them) in MCP_CONFORMANCE_CONTEXT.
// Exits 0 on success, 1 on any failure.
import process from "node:process";
import {
  type OAuthClientProvider,
  requestJwtAuthorizationGrant,
} from "@modelcontextprotocol/client";
import { Client } from "@mcpwire/core";
import {
  ClientCredentialsProvider,
  CrossAppAccessProvider,
  OAuth,
  PrivateKeyJwtProvider,
} from "@mcpwire/transport-http";

const CIMD_URL = "https://conformance-test.local/client-metadata.json";
const serverUrl = process.argv.at(-1)!;
const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? "";
const context = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? "{}") as Record<string, string>;

/** Follows the authorization server's redirect by hand, as a browser would, into our callback. */
async function headlessBrowser(authorizationUrl: URL): Promise<void> {
  const res = await fetch(authorizationUrl, { redirect: "manual" });
  await res.body?.cancel();
  const location = res.headers.get("location");
  if (!location) {
    throw new Error(`authorization endpoint answered ${res.status} without a redirect`);
  }
  const callback = await fetch(new URL(location, authorizationUrl));
  await callback.body?.cancel();
}

function authFor(name: string): OAuthClientProvider | undefined {
  if (name === "auth/client-credentials-basic") {
    return new ClientCredentialsProvider({
      clientId: context.client_id!,
      clientSecret: context.client_secret!,
    });
  }
  if (name === "auth/client-credentials-jwt") {
    return new PrivateKeyJwtProvider({
      clientId: context.client_id!,
      privateKey: context.private_key_pem!,
      algorithm: context.signing_algorithm ?? "ES256",
    });
  }
  if (name === "auth/cross-app-access-complete-flow") {
    return new CrossAppAccessProvider({
      clientId: context.client_id!,
      clientSecret: context.client_secret!,
      assertion: async (ctx) =>
        (await requestJwtAuthorizationGrant({
          tokenEndpoint: context.idp_token_endpoint!,
          audience: ctx.authorizationServerUrl,
          resource: ctx.resourceUrl,
          idToken: context.idp_id_token!,
          clientId: context.idp_client_id!,
          scope: ctx.scope,
          fetchFn: ctx.fetchFn,
        })).jwtAuthGrant,
    });
  }
  if (name === "auth/pre-registration") {
    return new OAuth({
      clientId: context.client_id,
      clientSecret: context.client_secret,
      tokenStorage: "memory",
      openBrowser: headlessBrowser,
    });
  }
  if (name.startsWith("auth/")) {
    return new OAuth({
      clientName: "mcpwire-conformance",
      clientMetadataUrl: CIMD_URL,
      tokenStorage: "memory",
      openBrowser: headlessBrowser,
    });
  }
  return undefined;
}

const client = new Client(serverUrl, {
  name: "mcpwire-conformance",
  version: "1.0.0",
  timeout: 20_000,
  auth: authFor(scenario),
  // The 2025-03-26 auth spec had no RFC 8414 issuer check; its mock server relies on that.
  skipIssuerMetadataValidation: scenario.startsWith("auth/2025-03-26-"),
  // Accept with nothing: the client fills in every default the schema declares.
  elicitationHandler: scenario.startsWith("elicitation") ? () => ({}) : undefined,
});

try {
  await client.connect();
  const tools = await client.listTools();
  for (const tool of tools) {
    const args = tool.name === "add_numbers" ? { a: 5, b: 3 } : {};
    await client.callTool(tool.name, args, { raiseOnError: false });
  }
  await client.close();
  process.exit(0);
} catch (err) {
  console.error(`conformance client (${scenario}) failed:`, err);
  await client.close().catch(() => {});
  process.exit(1);
}
