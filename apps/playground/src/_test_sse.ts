// Test helper: reads the events of a server-sent event stream, each wait bounded.

/** Reads named events off an SSE response. */
export interface SseReader {
  /** The data of the next `name` event that `accept` accepts; throws after `timeoutMs`. */
  next(name: string, timeoutMs?: number, accept?: (data: unknown) => boolean): Promise<unknown>;
  /** Stops reading. */
  close(): Promise<void>;
}

/** Reads SSE events off a response, with a bound on the whole wait. */
export function events(response: Response): SseReader {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(
      name: string,
      timeoutMs = 5_000,
      accept: (data: unknown) => boolean = () => true,
    ): Promise<unknown> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: ?(.*)$/m.exec(frame)?.[1];
          const data = /^data: ?(.*)$/m.exec(frame)?.[1];
          if (event === name && data !== undefined && accept(JSON.parse(data))) {
            return JSON.parse(data);
          }
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no '${name}' event within ${timeoutMs} ms`);
        let timer: ReturnType<typeof setTimeout> | undefined;
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no '${name}' event in time`)), left);
          }),
        ]).finally(() => clearTimeout(timer));
        if (chunk.done) throw new Error(`the stream ended before a '${name}' event`);
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    close: () => reader.cancel().catch(() => {}),
  };
}
