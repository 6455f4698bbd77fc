// The Traffic tab: every JSON-RPC message between the playground and its servers as it went over
// the wire (the handshake, requests, responses and errors paired by id, notifications, the
// servers' own requests and their answers), in order; filterable by server, direction and text,
// each message expandable to its raw JSON.
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
      data-dir={entry.dir}
      data-id={entry.id === undefined ? undefined : String(entry.id)}
      data-server={entry.server}
    >
      <button type="button" class="traffic-line" onClick={() => setOpen(!open)}>
        <span class="muted">#{entry.seq} {new Date(entry.at).toLocaleTimeString()}</span>
        <span title={entry.dir === "out" ? "playground → server" : "server → playground"}>
          {ARROW[entry.dir]}
        </span>
        <strong>{entry.server}</strong>
        <code>{entry.method || "(unknown request)"}</code>
        {entry.id !== undefined && <span class="muted">id {String(entry.id)}</span>}
        <span class="badge">{entry.kind}</span>
        {entry.ref && <span class="muted">for #{entry.ref}</span>}
        {entry.ms !== undefined && <span class="muted">{entry.ms} ms</span>}
      </button>
      {open && <Json value={entry.message} />}
    </li>
  );
}

const text = (e: TrafficEntry) =>
  `${e.server} ${e.method} ${e.kind} ${e.id ?? ""} ${JSON.stringify(e.message)}`.toLowerCase();

/** The traffic of every server, newest last. */
export function TrafficPanel(
  { traffic, onClear }: { traffic: TrafficEntry[]; onClear: () => void },
): JSX.Element {
  const [filter, setFilter] = useState("");
  const [server, setServer] = useState("");
  const [dir, setDir] = useState("");
  const [hideLists, setHideLists] = useState(false);
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const servers = [...new Set(traffic.map((e) => e.server))];
  const shown = traffic.filter((e) =>
    (!server || e.server === server) &&
    (!dir || e.dir === dir) &&
    (!hideLists || !e.method.endsWith("/list")) &&
    (words.length === 0 || words.every((w) => text(e).includes(w)))
  );
  return (
    <div class="pane" data-testid="traffic">
      <div class="row">
        <input
          type="search"
          name="traffic-filter"
          placeholder="filter: method, kind (request, response, error, notification), id, any text"
          value={filter}
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
        <select
          name="traffic-server"
          value={server}
          onChange={(e) => setServer(e.currentTarget.value)}
        >
          <option value="">every server</option>
          {servers.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <select name="traffic-dir" value={dir} onChange={(e) => setDir(e.currentTarget.value)}>
          <option value="">both directions</option>
          <option value="out">→ sent</option>
          <option value="in">← received</option>
        </select>
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
