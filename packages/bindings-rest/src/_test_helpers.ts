// Test-only helpers: an app over in-memory servers.
import { echoServer, type Observed, testServer } from "../test/fixtures/servers.ts";
import { type TaskServer, taskServer } from "../../core/test/fixtures/task-server.ts";
import { Client } from "@mcpwire/core";
import { checkAnswers, type ContractChecker } from "./_test_contract.ts";
import { createRestApp, type RestApp, type RestAppOptions } from "./app.ts";
import { type Upstream, Upstreams } from "./upstreams.ts";

/**
 * An app serving the test server as `test`, the echo server as `echo` and core's task server
 * (tools run as MCP tasks: `work`, `research`, `ask`) as `jobs`.
 */
export function inMemoryApp(
  options: RestAppOptions = {},
): {
  app: RestApp & { contract(): ContractChecker["counts"] };
  observed: Observed;
  tasks: TaskServer;
} {
  const observed: Observed = { cancelled: [], calls: 0 };
  const upstreams = new Upstreams();
  const holder: { upstream?: Upstream } = {};
  const test = new Client(testServer(observed), {
    logHandler: (log) => holder.upstream?.emitLog(log),
  });
  holder.upstream = upstreams.add("test", test, { required: true, transport: "in-memory" });
  upstreams.add("echo", new Client(echoServer()), { transport: "in-memory" });
  const tasks = taskServer();
  upstreams.add("jobs", new Client(tasks.server), { transport: "in-memory" });
  // Every answer of the app is checked against its own OpenAPI document.
  const app = checkAnswers(createRestApp(upstreams, { apiKeys: [], ...options }));
  const close = app.close;
  const closeAll = async () => {
    await close();
    tasks.close();
  };
  return {
    app: Object.assign(app, { close: closeAll, [Symbol.asyncDispose]: closeAll }),
    observed,
    tasks,
  };
}

/** Something that answers requests: an app (in process) or a served URL. */
export interface Requester {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** The requester of a served URL: each request is a real `fetch` on the loopback port. */
export function servedAt(url: string): Requester {
  return { request: (path, init) => fetch(url + path, init) };
}

/** POSTs JSON to an app. */
export function post(
  app: Requester,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  }));
}

/** Asserts nothing; returns the problem body after checking its content type. */
export async function problemOf(res: Response): Promise<Record<string, unknown>> {
  const type = res.headers.get("content-type") ?? "";
  if (!type.startsWith("application/problem+json")) {
    throw new Error(`expected problem+json, got ${res.status} ${type}: ${await res.text()}`);
  }
  return await res.json() as Record<string, unknown>;
}
