// The Prompts tab: fill a prompt's arguments (with completions) and see its messages.
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { type Content, getJson, sendJson, serverPath } from "./api.ts";
import { CallActions } from "./call-actions.tsx";
import { CompletionInput } from "./completion-input.tsx";
import { ContentBlock } from "./content-view.tsx";
import type { Call } from "./snippets.ts";

interface Prompt {
  name: string;
  title?: string;
  description?: string;
  arguments?: { name: string; description?: string; required?: boolean }[];
}
interface Rendered {
  description?: string;
  messages: { role: string; content: Content }[];
}

/** The Prompts tab of one server. */
export function PromptsPanel(
  { server, version, replay, onCall }: {
    server: string;
    version: number;
    replay?: Call;
    onCall: (c: Call) => void;
  },
): JSX.Element {
  const [prompts, setPrompts] = useState<Prompt[]>([]);
  const [selected, setSelected] = useState<Prompt>();
  const [values, setValues] = useState<Record<string, string>>({});
  const [out, setOut] = useState<{ call: Call; rendered?: Rendered; error?: string }>();

  useEffect(() => {
    getJson<{ prompts: Prompt[] }>(serverPath(server, "/prompts")).then(
      (r) => setPrompts(r.prompts),
      () => setPrompts([]),
    );
  }, [server, version]);

  const render = async (prompt: Prompt, args: Record<string, string>) => {
    const call: Call = {
      id: crypto.randomUUID(),
      server,
      kind: "prompt",
      name: prompt.name,
      args,
      at: Date.now(),
    };
    const started = performance.now();
    try {
      const rendered = await sendJson<Rendered>(
        serverPath(server, `/prompts/${encodeURIComponent(prompt.name)}`),
        args,
      );
      call.ok = true;
      call.ms = Math.round(performance.now() - started);
      setOut({ call, rendered });
    } catch (e) {
      call.ok = false;
      call.ms = Math.round(performance.now() - started);
      setOut({ call, error: (e as Error).message });
    }
    onCall(call);
  };

  // A replayed call runs once, even when the list reloads (list_changed) afterwards.
  const replayed = useRef<Call | undefined>(undefined);
  useEffect(() => {
    if (replay === replayed.current) return;
    const prompt = replay && prompts.find((p) => p.name === replay.name);
    if (prompt && replay) {
      replayed.current = replay;
      setSelected(prompt);
      setValues(replay.args as Record<string, string>);
      void render(prompt, replay.args as Record<string, string>);
    }
  }, [replay, prompts]);

  return (
    <div class="split">
      <ul class="list" data-testid="prompt-list">
        {prompts.map((p) => (
          <li key={p.name}>
            <button
              type="button"
              class={selected === p ? "item active" : "item"}
              data-testid={`prompt-${p.name}`}
              onClick={() => (setSelected(p), setValues({}), setOut(undefined))}
            >
              <strong>{p.title ?? p.name}</strong>
              <small>{p.description}</small>
            </button>
          </li>
        ))}
      </ul>
      <div class="detail">
        {!selected && <p class="muted">Pick a prompt.</p>}
        {selected && (
          <form
            data-testid="prompt-form"
            onSubmit={(e) => {
              e.preventDefault();
              const args = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));
              void render(selected, args);
            }}
          >
            <h2>{selected.title ?? selected.name}</h2>
            <p class="muted">{selected.description}</p>
            {(selected.arguments ?? []).map((a) => (
              <label class="field" key={a.name}>
                <span class="label">
                  {a.name}
                  {a.required && <span class="required">*</span>}
                  {a.description && <small>{a.description}</small>}
                </span>
                <CompletionInput
                  server={server}
                  refValue={{ type: "ref/prompt", name: selected.name }}
                  name={a.name}
                  value={values[a.name] ?? ""}
                  context={values}
                  required={a.required ?? false}
                  onChange={(v) => setValues({ ...values, [a.name]: v })}
                />
              </label>
            ))}
            <button type="submit" class="primary">Get prompt</button>
          </form>
        )}
        {out && (
          <section class="run" data-testid="prompt-result">
            {out.error && <p class="error">{out.error}</p>}
            {out.rendered?.messages.map((m, i) => (
              <div key={i} class={`message role-${m.role}`}>
                <span class="role">{m.role}</span>
                <ContentBlock block={m.content} />
              </div>
            ))}
            <div class="timing">
              {out.call.ms} ms <CallActions call={out.call} />
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
