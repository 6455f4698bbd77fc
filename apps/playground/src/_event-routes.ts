// The pages' live link: one event stream (hello, heartbeat, servers, traffic, tasks and every hub
// event) and the route that takes a person's answer to a server's sampling or elicitation request.
import type { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { Hub } from "./_hub.ts";
import type { ServerStates } from "./_server-states.ts";
import type { TaskBoard } from "./_tasks.ts";
import type { Traffic } from "./_traffic.ts";

/** The open event streams. */
export interface Streams {
  /** Ends every open event stream. */
  end(): void;
}

/** Adds `GET /playground/events`: the pages' one live event stream. */
export function eventRoutes(
  app: Hono,
  hub: Hub,
  states: ServerStates,
  traffic: Traffic,
  options: {
    heartbeatMs: number;
    ready: () => Promise<void>;
    snippets: unknown;
    tasks: TaskBoard;
  },
): Streams {
  const { heartbeatMs, ready, snippets, tasks } = options;
  const enders = new Set<() => void>();
  const instance = crypto.randomUUID();
  app.get("/playground/events", (c) =>
    streamSSE(c, async (stream) => {
      // A page opening connects the servers (once), like any REST request does.
      void ready().catch(() => {});
      let queue = Promise.resolve();
      const send = (event: string, data: unknown) =>
        queue = queue.then(() => stream.writeSSE({ event, data: JSON.stringify(data) }))
          .catch(() => {});
      // The page learns the heartbeat interval (it calls the stream dead after three missed
      // beats) and this playground's instance (a new one means it restarted: lists are reloaded).
      send("hello", { heartbeatMs, instance, snippets });
      send("servers", states.snapshot());
      send("traffic-recent", traffic.recent());
      send("tasks-recent", tasks.list());
      for (const e of hub.pending()) send(e.event, e.data);
      const stop = hub.listen((e) => void send(e.event, e.data));
      const beat = setInterval(() => void send("heartbeat", { at: Date.now() }), heartbeatMs);
      let end = () => {};
      const ended = new Promise<void>((resolve) => (end = resolve));
      enders.add(end);
      stream.onAbort(end);
      await ended;
      enders.delete(end);
      clearInterval(beat);
      stop();
    }));
  return { end: () => enders.forEach((end) => end()) };
}

/** Adds `POST /playground/requests/:id`: a person's answer to a server's request. */
export function requestRoutes(app: Hono, hub: Hub): void {
  app.post("/playground/requests/:id", async (c) => {
    const body = await c.req.json().catch(() => null);
    if (!body || typeof body !== "object") return c.json({ error: "expected a JSON object" }, 400);
    const found = hub.answer(c.req.param("id"), body as Record<string, unknown>);
    return found
      ? c.body(null, 204)
      : c.json({ error: "no such request (answered already?)" }, 404);
  });
}
