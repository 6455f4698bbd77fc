import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as sdk from "@modelcontextprotocol/client";
import { ClientCredentialsProvider, PrivateKeyJwtProvider } from "./mod.ts";

describe("the SDK's machine-to-machine providers offered here", () => {
  it("ClientCredentialsProvider builds the SDK's provider on load(), once, with the same options", async () => {
    const provider = new ClientCredentialsProvider({ clientId: "svc", clientSecret: "s3cret" });
    const built = await provider.load();
    assert.ok(built instanceof sdk.ClientCredentialsProvider);
    assert.equal(await provider.load(), built, "the same SDK provider every time");
    assert.equal((await provider.clientInformation())?.client_id, "svc");
    assert.deepEqual(provider.clientMetadata, built.clientMetadata);
  });

  it("a provider used before a transport started with it says so", () => {
    const provider = new PrivateKeyJwtProvider({
      clientId: "svc",
      privateKey: "unused",
      algorithm: "ES256",
    });
    assert.throws(() => provider.tokens(), /PrivateKeyJwtProvider is used before a transport/);
  });
});
