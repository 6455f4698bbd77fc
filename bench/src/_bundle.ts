// What the cold-start scenarios share: the esbuild plugin that bundles mcpwire's own packages while
// leaving npm dependencies external (what an installed dist/ would load), and a child environment
// without the variables that would skew a cold start.
import type { Plugin } from "esbuild";

/**
 * Bundles `@mcpwire/*` packages and their `#` subpath imports; every other bare import stays
 * external. With `redirect`, `@mcpwire/<name>` resolves to the path it returns (an older checkout's
 * sources, for instance) for the names it answers.
 */
export function npmExternal(redirect?: (name: string) => string | undefined): Plugin {
  return {
    name: "npm-external",
    setup(b) {
      if (redirect) {
        b.onResolve({ filter: /^@mcpwire\/[^/]+$/ }, (a) => {
          const path = redirect(a.path.slice("@mcpwire/".length));
          return path === undefined ? undefined : { path };
        });
      }
      b.onResolve(
        { filter: /^[^./]/ },
        (a) =>
          a.path.startsWith("@mcpwire/") || a.path.startsWith("#") ? undefined : { external: true },
      );
    },
  };
}

/**
 * This process's environment for a cold-start child, plus `extra`: without NODE_EXTRA_CA_CERTS
 * (it adds ~60 ms to every Node start on the bench machine) and NODE_OPTIONS (tsx's loader must
 * not reach a plain-JS child).
 */
export function coldEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.NODE_OPTIONS;
  return env;
}
