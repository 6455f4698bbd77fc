import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type {
  OAuthDiscoveryState,
  StoredOAuthClientInformation,
  StoredOAuthTokens,
} from "@modelcontextprotocol/client";

/** What OAuth keeps per server. */
export interface StoredCredentials {
  /** The access and refresh tokens. */
  tokens?: StoredOAuthTokens;
  /** The client registration (from dynamic registration). */
  clientInformation?: StoredOAuthClientInformation;
  /** Cached authorization-server discovery. */
  discoveryState?: OAuthDiscoveryState;
}

/**
 * Where `OAuth` keeps credentials, keyed by server URL. Implement it to use a keychain or a database.
 *
 * @example
 * ```ts
 * import { MemoryTokenStorage, type TokenStorage } from "@mcpwire/transport-http";
 * const storage: TokenStorage = new MemoryTokenStorage();
 * await storage.set("http://127.0.0.1:3000/mcp", { tokens: { access_token: "t", token_type: "Bearer" } });
 * console.log((await storage.get("http://127.0.0.1:3000/mcp"))?.tokens?.token_type);
 * ```
 */
export interface TokenStorage {
  /** The credentials stored for a server, if any. */
  get(key: string): Promise<StoredCredentials | undefined>;
  /** Replaces the credentials stored for a server. */
  set(key: string, value: StoredCredentials): Promise<void>;
  /** Forgets a server's credentials. */
  delete(key: string): Promise<void>;
}

/**
 * Keeps credentials in memory, for one process.
 *
 * @example
 * ```ts
 * import { MemoryTokenStorage } from "@mcpwire/transport-http";
 * const storage = new MemoryTokenStorage();
 * console.log(await storage.get("nothing")); // undefined
 * ```
 */
export class MemoryTokenStorage implements TokenStorage {
  readonly #entries = new Map<string, StoredCredentials>();

  /** The credentials stored for `key`. */
  get(key: string): Promise<StoredCredentials | undefined> {
    return Promise.resolve(this.#entries.get(key));
  }

  /** Stores credentials for `key`. */
  set(key: string, value: StoredCredentials): Promise<void> {
    this.#entries.set(key, structuredClone(value));
    return Promise.resolve();
  }

  /** Forgets `key`. */
  delete(key: string): Promise<void> {
    this.#entries.delete(key);
    return Promise.resolve();
  }
}

/**
 * Keeps credentials on disk, one JSON file per server (named by a hash of its URL), readable
 * only by the user (file mode 0600, folder 0700). Default folder: `~/.mcpwire/oauth`.
 *
 * @example
 * ```ts
 * import { FileTokenStorage } from "@mcpwire/transport-http";
 * const storage = new FileTokenStorage("/tmp/mcpwire-oauth-example");
 * await storage.delete("http://127.0.0.1:3000/mcp");
 * ```
 */
export class FileTokenStorage implements TokenStorage {
  /** The folder holding the files. */
  readonly directory: string;

  /** @param directory the folder to use; default `~/.mcpwire/oauth` */
  constructor(directory: string = join(homedir(), ".mcpwire", "oauth")) {
    this.directory = directory;
  }

  /** The file that holds `key`'s credentials. */
  fileFor(key: string): string {
    return join(
      this.directory,
      `${createHash("sha256").update(key).digest("hex").slice(0, 32)}.json`,
    );
  }

  /** Reads `key`'s credentials; undefined when absent or unreadable. */
  async get(key: string): Promise<StoredCredentials | undefined> {
    try {
      const parsed = JSON.parse(await readFile(this.fileFor(key), "utf8")) as {
        key?: string;
        value?: StoredCredentials;
      };
      return parsed.key === key ? parsed.value : undefined;
    } catch {
      return undefined;
    }
  }

  /** Writes `key`'s credentials with mode 0600. */
  async set(key: string, value: StoredCredentials): Promise<void> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    await writeFile(this.fileFor(key), JSON.stringify({ key, value }), { mode: 0o600 });
  }

  /** Deletes `key`'s file. */
  async delete(key: string): Promise<void> {
    await rm(this.fileFor(key), { force: true });
  }
}
