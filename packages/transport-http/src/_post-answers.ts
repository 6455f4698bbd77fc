// How the Streamable HTTP transport reads the answer to a POST: 202 (accepted), a JSON body (one
// text() and one JSON.parse, each message checked by hand), an SSE stream (read in the
// background by EventStreams), or an error status / malformed answer as an HttpError.
import type { JSONRPCMessage } from "@modelcontextprotocol/client";
import { isModernRequest } from "./_envelope.ts";
import type { EventStreams, StreamOptions } from "./_event-streams.ts";
import { mediaType, unfollowedRedirect } from "./_fetch.ts";
import { excerpt, isJsonRpcShape } from "./_http.ts";
import { toJsonRpcMessage } from "./_jsonrpc-message.ts";
import { invalidExchange, malformedAnswer, statusError, toTransportError } from "./_map-error.ts";

/** Reads POST answers for one transport. */
export class PostAnswers {
  /** The body of the last error answer (the SDK's era probe reads it). */
  lastErrorText: string | undefined;
  readonly #url: URL;
  readonly #streams: EventStreams;
  readonly #secrets: () => string[];

  constructor(url: URL, streams: EventStreams, secrets: () => string[]) {
    this.#url = url;
    this.#streams = streams;
    this.#secrets = secrets;
  }

  /**
   * Reads the answer to `message`: `"accepted"` for a 202 (or any answer to a notification),
   * else the messages to deliver now (none for an SSE answer, read on in the background).
   *
   * @throws {HttpError} for an error status or an answer MCP does not allow
   */
  async read(
    message: JSONRPCMessage,
    response: Response,
    options: StreamOptions | undefined,
    done: () => void,
  ): Promise<"accepted" | JSONRPCMessage[]> {
    if (!response.ok) return await this.#refused(message, response, done);
    const { method, id } = message as { method?: unknown; id?: unknown };
    if (response.status === 202 || typeof method !== "string" || id === undefined) {
      await response.body?.cancel().catch(() => {});
      done();
      return "accepted";
    }
    const type = mediaType(response);
    if (type === "text/event-stream") {
      if (response.body) {
        void this.#streams.read(response.body, options ?? {}, false, done);
      } else {
        done();
        options?.onRequestStreamEnd?.();
      }
      return [];
    }
    const secrets = this.#secrets();
    let text: string;
    try {
      text = await response.text();
    } catch (err) {
      throw toTransportError(err, this.#url, secrets);
    } finally {
      done();
    }
    if (type !== "application/json") {
      throw malformedAnswer(
        this.#url,
        response.status,
        `${response.status} with content type '${type || "(none)"}', ` +
          "expected application/json or text/event-stream",
        text,
        secrets,
      );
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      const what = `invalid JSON: ${excerpt(text, secrets)}`;
      throw malformedAnswer(this.#url, response.status, what, text, secrets, err);
    }
    if (!isJsonRpcShape(data)) {
      const what = `JSON that is not JSON-RPC: ${excerpt(text, secrets)}`;
      throw malformedAnswer(this.#url, response.status, what, text, secrets);
    }
    // Every message is checked before any is delivered: one malformed message fails the request.
    try {
      const list = Array.isArray(data) ? data : [data];
      const messages: JSONRPCMessage[] = [];
      for (const m of list) messages.push(await toJsonRpcMessage(m));
      return messages;
    } catch (err) {
      throw invalidExchange(this.#url, err, secrets);
    }
  }

  async #refused(
    message: JSONRPCMessage,
    response: Response,
    done: () => void,
  ): Promise<JSONRPCMessage[]> {
    let text: string;
    try {
      text = await response.text().catch(() => "");
    } finally {
      done();
    }
    this.lastErrorText = text;
    // A 2026-era server answers a request it refuses with a 400 holding the JSON-RPC error.
    if (response.status === 400 && isModernRequest(message)) {
      const error = rpcErrorFor(text, (message as { id?: unknown }).id);
      if (error) return [error];
    }
    const redirect = unfollowedRedirect(this.#url, response);
    throw statusError(this.#url, response.status, redirect ?? text, this.#secrets());
  }
}

function rpcErrorFor(text: string, id: unknown): JSONRPCMessage | undefined {
  try {
    const parsed = JSON.parse(text) as { jsonrpc?: unknown; id?: unknown; error?: unknown };
    const ok = parsed?.jsonrpc === "2.0" && parsed.id === id && typeof parsed.error === "object" &&
      parsed.error !== null;
    return ok ? parsed as JSONRPCMessage : undefined;
  } catch {
    return undefined;
  }
}
