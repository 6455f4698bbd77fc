import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { MissingPackageError } from "./errors.ts";
import {
  type OptionalPackageName,
  registeredPackage,
  registerPackage,
} from "./register-package.ts";
import { loadOptional as loadOnJsr } from "./_load-optional-jsr.ts";
import { loadOptional } from "./_load-optional.ts";
import { loadPackage, packageLoader } from "./_sources.ts";

const NAME = "@mcpwire/test-only-package" as OptionalPackageName;

describe("registerPackage()", () => {
  it("a registered package is found by every loader, and by a second copy's registry", async () => {
    const pkg = { createUrlTransport: () => {} };
    registerPackage(NAME, pkg);
    assert.equal(registeredPackage(NAME), pkg);
    assert.equal(await loadOnJsr(NAME), pkg);
    assert.equal(await loadOptional(NAME), pkg);
    const shared = (globalThis as Record<symbol, Record<string, unknown>>)[
      Symbol.for("@mcpwire/core.optional-packages")
    ];
    assert.equal(shared?.[NAME], pkg);
  });

  it("on JSR, a package that was not imported is a MissingPackageError saying to import it", async () => {
    const original = packageLoader.load;
    packageLoader.load = loadOnJsr;
    try {
      await assert.rejects(loadPackage("@mcpwire/never-imported", "x", "server.py"), (err) => {
        assert.ok(err instanceof MissingPackageError, String(err));
        assert.match(String((err.cause as Error).message), /import "@mcpwire\/never-imported"/);
        return true;
      });
    } finally {
      packageLoader.load = original;
    }
  });

  it("the Node and Bun loader refuses a name it has no import for", async () => {
    await assert.rejects(loadOptional("@mcpwire/other"), TypeError);
  });
});
