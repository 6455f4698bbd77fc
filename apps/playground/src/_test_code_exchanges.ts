// Test helper: takes over the OAuth authorization-code exchanges this process (where the playground
// runs) makes with one authorization server, through globalThis.fetch.

/** What {@linkcode codeExchanges} saw, and how to let it go. */
export interface CodeExchanges {
  /** Exchanges seen, and 401s the server answered to anything else. */
  state: { seen: number; unauthorized: number };
  /** Resolves at the first exchange. */
  seen: Promise<void>;
  /** Sends the held exchanges on (`hold`). */
  release(): void;
  /** Puts the real fetch back. */
  restore(): void;
}

/**
 * Token requests with `grant_type=authorization_code` to `origin`: `refuse` answers them 400
 * invalid_grant, `hold` sends each on only after `release()`. Requests to other origins (other
 * servers, such as a failed one's restart back-off) are neither touched nor counted.
 */
export function codeExchanges(origin: string, mode: "refuse" | "hold"): CodeExchanges {
  const real = globalThis.fetch;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let saw!: () => void;
  const seen = new Promise<void>((resolve) => (saw = resolve));
  const state = { seen: 0, unauthorized: 0 };
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(origin)) return await real(input, init);
    if (!String(init?.body ?? "").includes("grant_type=authorization_code")) {
      const response = await real(input, init);
      if (response.status === 401) state.unauthorized++;
      return response;
    }
    state.seen++;
    saw();
    if (mode === "refuse") return Response.json({ error: "invalid_grant" }, { status: 400 });
    await released;
    return await real(input, init);
  }) as typeof fetch;
  return { state, seen, release, restore: () => void (globalThis.fetch = real) };
}
