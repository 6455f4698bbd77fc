// The live side of the playground: events pushed to every open page, and questions (sampling,
// elicitation) that wait for a person to answer them in one of those pages.

/** An event sent to the pages. */
export interface HubEvent {
  /** The event's name, such as `log`, `servers`, `request` or `resource-updated`. */
  event: string;
  /** Its JSON data. */
  data: unknown;
}

type Listener = (event: HubEvent) => void;

interface Pending {
  kind: string;
  data: Record<string, unknown>;
  resolve: (answer: Record<string, unknown>) => void;
  reject: (error: Error) => void;
}

/** Fans events out to the pages and routes their answers back. */
export class Hub {
  #listeners = new Set<Listener>();
  #pending = new Map<string, Pending>();

  /** How many pages are listening. */
  get size(): number {
    return this.#listeners.size;
  }

  /** Adds a page; returns the function that removes it. */
  listen(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /** Sends an event to every page. */
  emit(event: string, data: unknown): void {
    for (const listener of this.#listeners) listener({ event, data });
  }

  /** The questions still waiting for an answer, as `request` events (for a page that opens late). */
  pending(): HubEvent[] {
    return [...this.#pending].map(([id, p]) => ({
      event: "request",
      data: { id, kind: p.kind, ...p.data },
    }));
  }

  /**
   * Asks the pages a question and waits for the first answer.
   *
   * @throws {Error} when no page is open, or the signal aborts
   */
  ask(
    kind: string,
    data: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>> {
    if (this.#listeners.size === 0) {
      return Promise.reject(new Error(`no playground page is open to answer the ${kind} request`));
    }
    const id = crypto.randomUUID();
    return new Promise((resolve, reject) => {
      const done = () => {
        this.#pending.delete(id);
        this.emit("request-done", { id });
      };
      this.#pending.set(id, {
        kind,
        data,
        resolve: (answer) => (done(), resolve(answer)),
        reject: (error) => (done(), reject(error)),
      });
      signal?.addEventListener("abort", () => {
        this.#pending.get(id)?.reject(new Error(`the server cancelled its ${kind} request`));
      }, { once: true });
      this.emit("request", { id, kind, ...data });
    });
  }

  /** Answers a question; `false` when there is no such question (answered already). */
  answer(id: string, answer: Record<string, unknown>): boolean {
    const pending = this.#pending.get(id);
    pending?.resolve(answer);
    return pending !== undefined;
  }

  /** Rejects every waiting question (the playground is closing). */
  close(): void {
    for (const p of this.#pending.values()) p.reject(new Error("the playground closed"));
    this.#listeners.clear();
  }
}
