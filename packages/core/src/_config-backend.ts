/**
 * The backend of a config source: `@mcpwire/config`'s router, loaded on first use. Until it has
 * loaded, `servers` is empty and the client is not connected; every operation waits for it.
 */
import type * as mcp from "@modelcontextprotocol/client";
import type { ClientBackend, ListItems, ListName, ListPages } from "./backend.ts";
import type { Notifications } from "./_notifications.ts";
import { loadConfigPackage } from "./_sources.ts";
import type { StandardSchemaV1 } from "./standard-schema.ts";
import type { ToolTask } from "./tool-task.ts";
import type {
  CallToolOptions,
  CallToolResult,
  ClientOptions,
  InitializeResult,
  RequestOptions,
  RootsOption,
  ServerStatus,
  Task,
} from "./types.ts";

/** A config's router, behind the same contract as one server. */
export class ConfigBackend implements ClientBackend {
  readonly serverName: string;
  readonly #loading: Promise<ClientBackend>;
  readonly #options: Readonly<ClientOptions>;
  #router: ClientBackend | undefined;

  constructor(
    config: object,
    options: Readonly<ClientOptions>,
    label: string,
    notifications: Notifications,
  ) {
    this.serverName = label;
    this.#options = options;
    this.#loading = loadConfigPackage(config).then((pkg) => {
      const hooks = { notification: (n: mcp.ServerNotification) => notifications.dispatch(n) };
      return this.#router = pkg.createConfigBackend(config, options, hooks);
    });
    this.#loading.catch(() => {}); // reported by the first operation
  }

  get roots(): RootsOption | undefined {
    return this.#router ? this.#router.roots : this.#options.roots;
  }

  get initializeResult(): InitializeResult | undefined {
    return this.#router?.initializeResult;
  }

  get servers(): Record<string, ServerStatus> {
    return this.#router?.servers ?? {};
  }

  isConnected(): boolean {
    return this.#router?.isConnected() ?? false;
  }

  async acquire(): Promise<void> {
    await (await this.#loading).acquire();
  }

  async release(): Promise<void> {
    await (this.#router ?? await this.#loading.catch(() => undefined))?.release();
  }

  async close(): Promise<void> {
    await (this.#router ?? await this.#loading.catch(() => undefined))?.close();
  }

  async initialize(timeout: number | undefined): Promise<InitializeResult> {
    return await (await this.#loading).initialize(timeout);
  }

  async setRoots(roots: RootsOption): Promise<void> {
    await (await this.#loading).setRoots(roots);
  }

  async ping(options?: RequestOptions): Promise<void> {
    await (await this.#loading).ping(options);
  }

  async list<K extends ListName>(kind: K, options?: RequestOptions): Promise<ListItems[K][]> {
    return await (await this.#loading).list(kind, options);
  }

  async listPage<K extends ListName>(
    kind: K,
    cursor: string | undefined,
    options?: RequestOptions,
  ): Promise<ListPages[K]> {
    return await (await this.#loading).listPage(kind, cursor, options);
  }

  callTool(
    name: string,
    args: Record<string, unknown>,
    options: CallToolOptions<StandardSchemaV1 | undefined> & { task?: boolean },
  ): Promise<CallToolResult | ToolTask> {
    if (this.#router) return this.#router.callTool(name, args, options);
    return this.#loading.then((router) => router.callTool(name, args, options));
  }

  async listTasks(options?: RequestOptions): Promise<Task[]> {
    return await (await this.#loading).listTasks(options);
  }

  async getTask(taskId: string, options?: RequestOptions): Promise<ToolTask> {
    return await (await this.#loading).getTask(taskId, options);
  }

  async readResource(uri: string, options?: RequestOptions): Promise<mcp.ReadResourceResult> {
    return await (await this.#loading).readResource(uri, options);
  }

  async subscribeResource(
    uri: string,
    subscribe: boolean,
    options?: RequestOptions,
  ): Promise<void> {
    await (await this.#loading).subscribeResource(uri, subscribe, options);
  }

  async getPrompt(
    name: string,
    args: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<mcp.GetPromptResult> {
    return await (await this.#loading).getPrompt(name, args, options);
  }

  async complete(
    ref: mcp.PromptReference | mcp.ResourceTemplateReference,
    argument: { name: string; value: string },
    context: Record<string, string> | undefined,
    options?: RequestOptions,
  ): Promise<mcp.CompleteResult> {
    return await (await this.#loading).complete(ref, argument, context, options);
  }

  async setLoggingLevel(level: mcp.LoggingLevel, options?: RequestOptions): Promise<void> {
    await (await this.#loading).setLoggingLevel(level, options);
  }

  async reconnect(server: string): Promise<void> {
    await (await this.#loading).reconnect?.(server);
  }
}
