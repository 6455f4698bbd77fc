/**
 * Loads an optional package on Node, Bun and Deno, from npm or the repository (`#load-optional`):
 * the registry first, then an import by name. The name is computed on purpose: core does not depend
 * on these packages, so neither its build nor a bundler should try to resolve them. The JSR package
 * uses `_load-optional-jsr.ts` instead (see scripts/jsr-publish.mjs), so JSR never sees this import.
 */
import { registeredPackage } from "./register-package.ts";

const OPTIONAL = new Set([
  "@mcpwire/transport-http",
  "@mcpwire/transport-stdio",
  "@mcpwire/config",
]);

// Each optional package once per process: `new Client(source)` is often made per task, and a
// fresh import() goes through the module loader (and any loader hooks) again each time.
const imported = new Map<string, unknown>();

/** Imports the optional package `name`; rejects as the runtime does when it is not installed. */
export function loadOptional(name: string): Promise<unknown> {
  const registered = registeredPackage(name);
  if (registered) return Promise.resolve(registered);
  if (!OPTIONAL.has(name)) {
    return Promise.reject(new TypeError(`@mcpwire/core has no optional package '${name}'`));
  }
  const cached = imported.get(name);
  if (cached) return Promise.resolve(cached);
  return import(name).then((mod: unknown) => {
    imported.set(name, mod);
    return mod;
  });
}
