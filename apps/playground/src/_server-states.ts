// Per-server state as the pages see it: the REST binding's description of each server plus how
// often it has connected (a crashed server the binding reconnects counts as a restart) and since
// when it is in its state, pushed to the pages whenever it changes.
import type { Upstream, Upstreams } from "@mcpwire/bindings-rest";
import type { Hub } from "./_hub.ts";

interface Track {
  connects: number;
  state?: string;
  since: number;
  lastFailure?: { message: string; at: number };
}

/** Watches the servers of a playground and tells the pages when their state changes. */
export class ServerStates {
  #upstreams: Upstreams | undefined;
  #hub: Hub;
  #tracks = new WeakMap<Upstream, Track>();
  #last = "";
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(hub: Hub) {
    this.#hub = hub;
  }

  #track(upstream: Upstream): Track {
    let track = this.#tracks.get(upstream);
    if (!track) this.#tracks.set(upstream, track = { connects: 0, since: Date.now() });
    return track;
  }

  /** Counts a successful connection of a server (the first one, then each restart). */
  connected(upstream: Upstream): void {
    this.#track(upstream).connects++;
  }

  /** Every server's description, with `connects`, `restarts`, `since` and `lastFailure`. */
  snapshot(): Record<string, unknown>[] {
    return (this.#upstreams?.all() ?? []).map((upstream) => {
      const described = upstream.describe();
      const track = this.#track(upstream);
      if (described.state !== track.state) {
        track.state = String(described.state);
        track.since = Date.now();
      }
      if (upstream.lastError) {
        track.lastFailure = { message: upstream.lastError.message, at: track.since };
      }
      return {
        ...described,
        connects: track.connects,
        restarts: Math.max(0, track.connects - 1),
        since: track.since,
        lastFailure: track.lastFailure ?? null,
      };
    });
  }

  /** Sends `servers` to the pages now if it changed (a server was added, edited or removed). */
  push(): void {
    const list = this.snapshot();
    const text = JSON.stringify(list);
    if (text === this.#last) return;
    this.#last = text;
    this.#hub.emit("servers", list);
  }

  /** Checks the servers every `intervalMs` and sends `servers` to the pages on a change. */
  start(upstreams: Upstreams, intervalMs: number): void {
    this.#upstreams = upstreams;
    this.#timer ??= setInterval(() => this.push(), intervalMs);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  /** Stops checking. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
