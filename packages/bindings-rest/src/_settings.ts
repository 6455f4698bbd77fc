import type { Upstreams } from "./upstreams.ts";

/** What the routes need to know, resolved from the app's options. */
export interface Settings {
  upstreams: Upstreams;
  bodyLimit: number;
  maxDepth: number;
  timeoutMs: number;
  pingIntervalMs: number;
  toolErrorHeader: string | false;
  hostname: string;
  secured: boolean;
  title: string;
  version: string;
}

/** The Hono environment of the app's routes. */
export type Env = { Variables: { requestId: string } };
