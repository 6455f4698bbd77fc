// Test-only: an UpstreamClient over the bare SDK v2 client and an in-memory server, with the
// error types and argument validation core's Client has. Used until core's Client lands.
import { Client, InMemoryTransport } from "@modelcontextprotocol/client";
import { Ajv } from "@modelcontextprotocol/client/validators/ajv";
import {
  CancelledError,
  ConnectionError,
  InputValidationError,
  McpError,
  NotConnectedError,
  TimeoutError,
} from "@mcpwire/core";
import type {
  CallOptions,
  InitializeInfo,
  JsonObject,
  ToolCallResult,
  UpstreamClient,
} from "./upstream-client.ts";
import type { UpstreamLog } from "./upstreams.ts";

interface ServerLike {
  connect(transport: unknown): Promise<void>;
}

function mapError(err: unknown, what: string): Error {
  const e = err as { code?: unknown; message?: string; name?: string; data?: unknown };
  const message = `${what}: ${e?.message ?? String(err)}`;
  if (e?.name === "AbortError" || /abort/i.test(e?.message ?? "")) {
    return new CancelledError(message, { cause: err });
  }
  if (/timed? ?out/i.test(e?.message ?? "")) return new TimeoutError(message, 0, { cause: err });
  if (/closed|not connected/i.test(e?.message ?? "")) {
    return new ConnectionError(message, { cause: err });
  }
  if (typeof e?.code === "number") {
    return new McpError(e.code, e.message ?? "", e.data, { cause: err });
  }
  return new ConnectionError(message, { cause: err });
}

/** An in-memory SDK client shaped like core's Client. */
export class SdkTestClient implements UpstreamClient {
  #server: ServerLike;
  #client: Client | undefined;
  #schemas = new Map<string, (v: unknown) => boolean>();
  #ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  onLog: (log: UpstreamLog) => void = () => {};

  constructor(server: ServerLike) {
    this.#server = server;
  }

  get initializeResult(): InitializeInfo | undefined {
    const c = this.#client;
    if (!c) return undefined;
    return {
      serverInfo: c.getServerVersion(),
      capabilities: c.getServerCapabilities(),
      instructions: c.getInstructions(),
    };
  }

  async connect(): Promise<void> {
    const [a, b] = InMemoryTransport.createLinkedPair();
    await this.#server.connect(b);
    const client = new Client({ name: "test", version: "0" });
    client.setNotificationHandler(
      "notifications/message",
      (n) => this.onLog(n.params as UpstreamLog),
    );
    await client.connect(a);
    this.#client = client;
  }

  async close(): Promise<void> {
    await this.#client?.close();
    this.#client = undefined;
  }

  #c(): Client {
    if (!this.#client) throw new NotConnectedError("not connected");
    return this.#client;
  }

  async #run<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      throw mapError(err, what);
    }
  }

  async listTools(): Promise<unknown> {
    const { tools } = await this.#run("tools/list", () => this.#c().listTools());
    for (const tool of tools) {
      const validate = this.#ajv.compile(tool.inputSchema as object);
      this.#schemas.set(tool.name, validate as (v: unknown) => boolean);
    }
    return tools;
  }

  async callTool(name: string, args: JsonObject, options: CallOptions): Promise<ToolCallResult> {
    const validate = this.#schemas.get(name) as
      | ((v: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] }
      | undefined;
    if (validate && !validate(args)) {
      throw new InputValidationError(
        name,
        (validate.errors ?? []).map((e) => ({
          path: e.instancePath.split("/").slice(1),
          message: e.message ?? "invalid",
        })),
      );
    }
    const result = await this.#run(
      `tools/call ${name}`,
      () =>
        this.#c().callTool({ name, arguments: args }, {
          ...(options.timeout ? { timeout: options.timeout } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.onProgress
            ? {
              onprogress: (p: { progress: number; total?: number; message?: string }) =>
                options.onProgress!(p.progress, p.total, p.message),
            }
            : {}),
        }),
    );
    const r = result as ToolCallResult;
    return {
      content: r.content,
      structuredContent: r.structuredContent,
      data: r.structuredContent,
      isError: r.isError === true,
    };
  }

  listResources(): Promise<unknown> {
    return this.#run("resources/list", () => this.#c().listResources());
  }
  listResourceTemplates(): Promise<unknown> {
    return this.#run("resources/templates/list", () => this.#c().listResourceTemplates());
  }
  readResource(uri: string): Promise<unknown> {
    return this.#run(`resources/read ${uri}`, () => this.#c().readResource({ uri }));
  }
  listPrompts(): Promise<unknown> {
    return this.#run("prompts/list", () => this.#c().listPrompts());
  }
  getPrompt(name: string, args: JsonObject): Promise<unknown> {
    const strings = Object.fromEntries(
      Object.entries(args).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    );
    return this.#run(
      `prompts/get ${name}`,
      () => this.#c().getPrompt({ name, arguments: strings }),
    );
  }
  complete(ref: JsonObject, argument: JsonObject, context?: JsonObject): Promise<unknown> {
    return this.#run(
      "completion/complete",
      () => this.#c().complete({ ref, argument, ...(context ? { context } : {}) } as never),
    );
  }
}
