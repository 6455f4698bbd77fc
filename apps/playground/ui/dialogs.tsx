// Sampling and elicitation requests from servers, answered by the person in a dialog; and a
// server's OAuth authorization, which the person opens from a dialog.
import type { JSX } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { type Content, type Schema, sendJson } from "./api.ts";
import { ContentBlock } from "./content-view.tsx";
import { defaultsOf, ObjectFields } from "./schema-form.tsx";
import type { Answer } from "./snippets.ts";

/** A question a server asked, as the event stream delivers it. */
export interface ServerRequest {
  id: string;
  kind: "sampling" | "elicitation" | "oauth";
  server: string;
  /** For `oauth`: the authorization URL and its server's origin. */
  url?: string;
  authorizationServer?: string;
  message?: string;
  schema?: Schema | null;
  messages?: { role: string; content: Content | Content[] }[];
  params?: {
    systemPrompt?: string;
    maxTokens?: number;
    url?: string;
    mode?: string;
    temperature?: number;
    modelPreferences?: {
      hints?: { name?: string }[];
      costPriority?: number;
      speedPriority?: number;
      intelligencePriority?: number;
    };
  };
}

/** Every answer given in this page, for the snippets of the calls that asked. */
const given: { server: string; at: number; answer: Answer }[] = [];

/** The answers given to `server`'s requests since `since` (epoch ms), in order. */
export function answersSince(server: string, since: number): Answer[] {
  return given.filter((g) => g.server === server && g.at >= since).map((g) => g.answer);
}

const answerTo = (request: ServerRequest, body: Record<string, unknown>) => {
  if (request.kind === "oauth") {
    return sendJson(`/playground/requests/${encodeURIComponent(request.id)}`, body).catch(() => {});
  }
  given.push({ server: request.server, at: Date.now(), answer: { kind: request.kind, body } });
  if (given.length > 100) given.shift();
  return sendJson(`/playground/requests/${encodeURIComponent(request.id)}`, body).catch(() => {});
};

function Authorization({ request }: { request: ServerRequest }) {
  return (
    <div data-testid="oauth-dialog">
      <h2>{request.server} needs you to sign in</h2>
      <p>
        Its authorization server,{" "}
        <code>{request.authorizationServer}</code>, opens in a new tab; once you allow access there,
        it sends you back to this playground, which keeps the tokens (in its process only) and
        finishes connecting.
      </p>
      <p class="muted">Esc cancels.</p>
      <div class="row">
        <a
          class="button primary"
          href={request.url}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="oauth-authorize"
        >
          Authorize
        </a>
        <button
          type="button"
          data-testid="oauth-cancel"
          onClick={() => answerTo(request, { action: "cancel" })}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}

/** What the server asks of the model: its preferences, token limit and temperature. */
function preferences(params: ServerRequest["params"]): string {
  const p = params?.modelPreferences;
  const hints = (p?.hints ?? []).map((h) => h.name).filter(Boolean);
  return [
    hints.length > 0 ? `hints ${hints.join(", ")}` : "",
    p?.intelligencePriority !== undefined ? `intelligence ${p.intelligencePriority}` : "",
    p?.speedPriority !== undefined ? `speed ${p.speedPriority}` : "",
    p?.costPriority !== undefined ? `cost ${p.costPriority}` : "",
    params?.temperature !== undefined ? `temperature ${params.temperature}` : "",
    params?.maxTokens !== undefined ? `max ${params.maxTokens} tokens` : "",
  ].filter(Boolean).join(" · ");
}

function Sampling({ request }: { request: ServerRequest }) {
  const [text, setText] = useState("");
  const [model, setModel] = useState("playground");
  const wanted = preferences(request.params);
  return (
    <form
      data-testid="sampling-dialog"
      onSubmit={(e) => (
        e.preventDefault(),
          answerTo(request, { action: "accept", text, model: model || "playground" })
      )}
    >
      <h2>Sampling request from {request.server}</h2>
      {request.params?.systemPrompt && <p class="muted">System: {request.params.systemPrompt}</p>}
      {wanted && <p class="muted" data-testid="sampling-preferences">Asks for: {wanted}</p>}
      <p class="muted">Esc declines.</p>
      {request.messages?.map((m, i) => (
        <div key={i} class={`message role-${m.role}`}>
          <span class="role">{m.role}</span>
          {[m.content].flat().map((c, j) => <ContentBlock key={j} block={c} />)}
        </div>
      ))}
      <label class="field">
        <span class="label">Your reply, as the model (Ctrl+Enter sends)</span>
        <textarea
          name="reply"
          rows={4}
          required
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
      </label>
      <label class="field">
        <span class="label">Model name to answer with</span>
        <input name="model" value={model} onInput={(e) => setModel(e.currentTarget.value)} />
      </label>
      <div class="row">
        <button type="submit" class="primary">Send reply</button>
        <button type="button" onClick={() => answerTo(request, { action: "decline" })}>
          Decline
        </button>
      </div>
    </form>
  );
}

function Elicitation({ request }: { request: ServerRequest }) {
  const schema = request.schema ?? undefined;
  const [value, setValue] = useState<Record<string, unknown>>(defaultsOf(schema));
  return (
    <form
      data-testid="elicitation-dialog"
      onSubmit={(
        e,
      ) => (e.preventDefault(), answerTo(request, { action: "accept", content: value }))}
    >
      <h2>{request.server} asks</h2>
      <p class="muted">Enter accepts, Esc cancels.</p>
      <p>{request.message}</p>
      {request.params?.url && (
        <p>
          <a href={request.params.url} target="_blank" rel="noreferrer noopener">
            {request.params.url}
          </a>
        </p>
      )}
      {schema && <ObjectFields schema={schema} path="" value={value} onChange={setValue} />}
      <div class="row">
        <button type="submit" class="primary" data-testid="elicit-accept">Accept</button>
        <button
          type="button"
          data-testid="elicit-decline"
          onClick={() => answerTo(request, { action: "decline" })}
        >
          Decline
        </button>
        <button
          type="button"
          data-testid="elicit-cancel"
          onClick={() => answerTo(request, { action: "cancel" })}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * The first waiting request, as a modal dialog: its first field has the focus, Enter submits,
 * Esc refuses (cancel for elicitation, decline for sampling).
 */
export function RequestDialog({ requests }: { requests: ServerRequest[] }): JSX.Element | null {
  const request = requests[0];
  const box = useRef<HTMLDivElement>(null);
  // A layout effect, so focus and Esc are ready when the dialog is drawn: with `useEffect` they
  // came after the paint, and an Esc pressed as soon as the dialog showed (a loaded machine's
  // browser test) was lost.
  useLayoutEffect(() => {
    if (!request) return;
    box.current?.querySelector<HTMLElement>("input, select, textarea, button")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      void answerTo(request, { action: request.kind === "sampling" ? "decline" : "cancel" });
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [request?.id]);
  if (!request) return null;
  return (
    <div class="backdrop">
      <div
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={`${request.kind} request`}
        ref={box}
      >
        {request.kind === "sampling"
          ? <Sampling key={request.id} request={request} />
          : request.kind === "oauth"
          ? <Authorization key={request.id} request={request} />
          : <Elicitation key={request.id} request={request} />}
        {requests.length > 1 && <p class="muted">{requests.length - 1} more waiting</p>}
      </div>
    </div>
  );
}
