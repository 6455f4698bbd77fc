/**
 * Loads an optional package in the JSR package (scripts/jsr-publish.mjs maps `#load-optional`
 * here): only from the registry. A JSR package cannot import the packages that depend on it (a
 * cycle JSR refuses), and a computed `import(name)` would not resolve there, so the package must
 * have been imported once.
 */
import { registeredPackage } from "./register-package.ts";

/** The registered optional package `name`, or a not-found error naming it. */
export function loadOptional(name: string): Promise<unknown> {
  const registered = registeredPackage(name);
  if (registered) return Promise.resolve(registered);
  return Promise.reject(
    Object.assign(
      new Error(`Cannot find package '${name}': on Deno, import it once (import "${name}";)`),
      { code: "ERR_MODULE_NOT_FOUND" },
    ),
  );
}
