// A server's cached list of tools or prompts. Loads are shared: however many requests find the
// list stale at once, one list request goes to the server (under 32 concurrent calls an expired
// list used to send up to 32 `tools/list` at once, every few seconds). A stale list still answers
// lookups while one refresh runs in the background; a `list_changed` notification clears it.

/** An item of a list with its name (a tool or a prompt). */
export interface Named {
  name: string;
}

/** How old a list may be before a lookup refreshes it in the background. */
export const CATALOG_TTL_MS = 5_000;

/** One server's list of tools or prompts, with the time it was loaded. */
export class Catalog<T extends Named> {
  readonly #load: () => Promise<T[]>;
  readonly #now: () => number;
  readonly #ttlMs: number;
  #items: T[] | undefined;
  #byName: Map<string, T> | undefined;
  #at = 0;
  #loading: Promise<T[]> | undefined;
  /** Bumped by `clear()`: a load begun before it stores its list as stale, to be refreshed. */
  #generation = 0;

  /**
   * @param load asks the server for the whole list
   * @param ttlMs how long a list is fresh
   * @param now the clock (tests pass their own)
   */
  constructor(
    load: () => Promise<T[]>,
    ttlMs: number = CATALOG_TTL_MS,
    now: () => number = Date.now,
  ) {
    this.#load = load;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** How many items the last list held (0 before any). */
  get size(): number {
    return this.#items?.length ?? 0;
  }

  /** Whether a list is held and younger than the TTL. */
  isFresh(): boolean {
    return this.#items !== undefined && this.#now() - this.#at < this.#ttlMs;
  }

  /**
   * The list: the cached one while fresh, else (or with `refresh`) the one being loaded, which
   * every caller meanwhile shares.
   */
  list(refresh = false): Promise<T[]> {
    if (!refresh && this.isFresh()) return Promise.resolve(this.#items!);
    return this.#reload();
  }

  /**
   * The item named `name` in the held list, fresh or stale, without waiting: a stale list starts
   * one refresh in the background (its failure is the next load's to report). `undefined` when
   * no list is held or it has no such item; then {@linkcode Catalog.list} with `refresh` decides.
   */
  cached(name: string): T | undefined {
    const items = this.#items;
    if (items === undefined) return undefined;
    if (this.#now() - this.#at >= this.#ttlMs) this.#reload().catch(() => undefined);
    if (!this.#byName) {
      this.#byName = new Map();
      for (const item of items) if (!this.#byName.has(item.name)) this.#byName.set(item.name, item);
    }
    return this.#byName.get(name);
  }

  /**
   * Forgets the list (a `list_changed` notification). A load under way is no longer shared; what
   * it brings is kept as stale, so lookups use it while a new one loads.
   */
  clear(): void {
    this.#items = this.#byName = this.#loading = undefined;
    this.#generation++;
  }

  #reload(): Promise<T[]> {
    if (this.#loading) return this.#loading;
    const generation = this.#generation;
    const loading = this.#load().then((items) => {
      // A list loaded before a clear() may miss the change: it is kept, but as stale.
      const current = generation === this.#generation;
      if (current || this.#items === undefined) {
        this.#items = items;
        this.#byName = undefined;
        this.#at = current ? this.#now() : -Infinity;
      }
      return items;
    }).finally(() => {
      if (this.#loading === loading) this.#loading = undefined;
    });
    this.#loading = loading;
    return loading;
  }
}
