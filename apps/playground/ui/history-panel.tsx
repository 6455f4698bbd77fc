// The History tab: every call of this browser, re-runnable and copyable.
import type { JSX } from "preact";
import { CallActions } from "./call-actions.tsx";
import type { Call } from "./snippets.ts";

/** The list of past calls, newest first. */
export function HistoryPanel(
  { history, onReplay, onClear }: {
    history: Call[];
    onReplay: (c: Call) => void;
    onClear: () => void;
  },
): JSX.Element {
  if (history.length === 0) return <p class="muted pane">No calls yet.</p>;
  return (
    <div class="pane" data-testid="history">
      <button type="button" class="small" onClick={onClear}>clear history</button>
      <ul class="history">
        {history.map((c) => (
          <li key={c.id} class={c.ok === false ? "failed" : ""}>
            <div class="row">
              <span class="badge">{c.kind}</span>
              <strong>{c.server} / {c.name}</strong>
              <code>{JSON.stringify(c.args)}</code>
              <span class="muted">{new Date(c.at).toLocaleTimeString()} · {c.ms ?? "?"} ms</span>
              <button type="button" class="small" data-testid="rerun" onClick={() => onReplay(c)}>
                re-run
              </button>
            </div>
            <CallActions call={c} />
          </li>
        ))}
      </ul>
    </div>
  );
}
