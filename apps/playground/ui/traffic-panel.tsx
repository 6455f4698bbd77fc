// The Traffic tab: every request the playground sent to a server (by JSON-RPC method) with its
// result or error and duration, every notification and every request the server sent, in order;
// filterable, each message expandable to its JSON.
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { TrafficEntry } from "./api.ts";
import { Json } from "./content-view.tsx";

const ARROW = { out: "→", in: "←" } as const;

function Entry({ entry }: { entry: TrafficEntry }) {
  const [open, setOpen] = useState(false);
  return (
    <li
      class={`traffic-${entry.kind}`}
      data-testid="traffic-entry"
      data-method={entry.method}
      data-kind={entry.kind}
    >
      <button type="button" class="traffic-line" onClick={() => setOpen(!open)}>
        <span class="muted">#{entry.seq} {new Date(entry.at).toLocaleTimeString()}</span>
        <span title={entry.dir === "out" ? "playground → server" : "server → playground"}>
          {ARROW[entry.dir]}
        </span>
        <strong>{entry.server}</strong>
        <code>{entry.method}</code>
        <span class="badge">{entry.kind}</span>
        {entry.ref && <span class="muted">for #{entry.ref}</span>}
        {entry.ms !== undefined && <span class="muted">{entry.ms} ms</span>}
      </button>
      {open && <Json value={entry.data} />}
    </li>
  );
}

/** The traffic of every server, newest last. */
export function TrafficPanel(
  { traffic, server, onClear }: {
    traffic: TrafficEntry[];
    server?: string;
    onClear: () => void;
  },
): JSX.Element {
  const [filter, setFilter] = useState("");
  const [onlyServer, setOnlyServer] = useState(false);
  const [hideLists, setHideLists] = useState(false);
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = traffic.filter((e) =>
    (!onlyServer || e.server === server) &&
    (!hideLists || !e.method.endsWith("/list")) &&
    words.every((w) => `${e.server} ${e.method} ${e.kind} ${e.dir}`.toLowerCase().includes(w))
  );
  return (
    <div class="pane" data-testid="traffic">
      <div class="row">
        <input
          type="search"
          name="traffic-filter"
          placeholder="filter: method, server, kind (request, response, error, notification)"
          value={filter}
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
        <label class="toggle">
          <input
            type="checkbox"
            checked={onlyServer}
            onChange={(e) => setOnlyServer(e.currentTarget.checked)}
          />{" "}
          only {server}
        </label>
        <label class="toggle">
          <input
            type="checkbox"
            checked={hideLists}
            onChange={(e) => setHideLists(e.currentTarget.checked)}
          />{" "}
          hide */list
        </label>
        <button type="button" class="small" onClick={onClear}>clear</button>
        <span class="muted">{shown.length} of {traffic.length}</span>
      </div>
      <ul class="traffic">
        {shown.map((e) => <Entry key={e.seq} entry={e} />)}
      </ul>
    </div>
  );
}
