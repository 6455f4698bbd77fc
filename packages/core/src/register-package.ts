/**
 * The registry of optional packages: `@mcpwire/transport-stdio`, `@mcpwire/transport-http` and
 * `@mcpwire/config` add themselves to it when they are imported, and core looks there before
 * importing one itself. On JSR, where a package cannot import a package that depends on it, the
 * registry is the only way: import the package once (`import "@mcpwire/transport-http";`).
 *
 * @module
 */

/** The optional packages core can use, by the kind of source that needs each. */
export type OptionalPackageName =
  | "@mcpwire/transport-stdio"
  | "@mcpwire/transport-http"
  | "@mcpwire/config";

/** One registry for every copy of core, so a package registered with one copy serves them all. */
const REGISTRY: unique symbol = Symbol.for("@mcpwire/core.optional-packages");

function registry(): Record<string, object> {
  const global = globalThis as { [REGISTRY]?: Record<string, object> };
  return (global[REGISTRY] ??= {});
}

/**
 * Makes an optional package available to core without core importing it. The optional packages
 * call this when they are imported; there is no need to call it yourself.
 *
 * @param name the package's name
 * @param module the package's exports (at least the factory core calls)
 * @example
 * ```ts
 * import { registerPackage } from "@mcpwire/core";
 * registerPackage("@mcpwire/transport-http", { createUrlTransport: () => { throw new Error("stub"); } });
 * ```
 */
export function registerPackage(name: OptionalPackageName, module: object): void {
  registry()[name] = module;
}

/** The package registered under `name`, if any. */
export function registeredPackage(name: string): object | undefined {
  return registry()[name];
}
