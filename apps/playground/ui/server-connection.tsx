// The Server tab's connection actions: edit the server's entry (command, arguments, environment,
// URL, headers) and remove the server from the playground.
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ApiError, getJson, request } from "./api.ts";
import { type ServerEntry, ServerForm } from "./add-server.tsx";

const path = (server: string) => `/playground/servers/${encodeURIComponent(server)}`;

function Remove({ server, onRemoved }: { server: string; onRemoved: () => void }) {
  const [asking, setAsking] = useState(false);
  const [out, setOut] = useState<string>();
  const remove = async () => {
    const response = await request(path(server), { method: "DELETE" }).catch((e) => e as Error);
    if (response instanceof Response && response.ok) return onRemoved();
    setAsking(false);
    setOut(`failed: ${response instanceof Error ? response.message : response.status}`);
  };
  if (!asking) {
    return (
      <>
        <button type="button" data-testid="remove-server" onClick={() => setAsking(true)}>
          remove
        </button>
        {out && <span class="error">{out}</span>}
      </>
    );
  }
  return (
    <span class="row">
      remove {server} (its session ends)?
      <button type="button" class="danger" data-testid="confirm-remove" onClick={remove}>
        yes, remove
      </button>
      <button type="button" onClick={() => setAsking(false)}>no</button>
    </span>
  );
}

/** The server's entry as an `mcpServers` config, shown and copied to the clipboard. */
function ExportEntry({ server, entry }: { server: string; entry: ServerEntry }) {
  const [shown, setShown] = useState<string>();
  const copy = () => {
    const text = JSON.stringify({ mcpServers: { [server]: entry } }, null, 2);
    setShown(text);
    navigator.clipboard?.writeText(text).catch(() => {});
  };
  return (
    <>
      <button type="button" data-testid="export-server" onClick={copy}>copy as mcp.json</button>
      {shown && <pre class="snippet" data-testid="server-entry">{shown}</pre>}
    </>
  );
}

/** Edit and remove buttons of one server; `onChanged` gets its new name (none when removed). */
export function ServerConnection(
  { server, onChanged }: { server: string; onChanged: (name?: string) => void },
): JSX.Element {
  const [entry, setEntry] = useState<ServerEntry | null>();
  const [editing, setEditing] = useState(false);
  // Read again after each edit: a server edited under the same name keeps this component.
  const [saved, setSaved] = useState(0);
  useEffect(() => {
    setEditing(false);
    getJson<{ entry: ServerEntry }>(path(server)).then(
      (r) => setEntry(r.entry),
      (e) => setEntry(e instanceof ApiError ? null : undefined),
    );
  }, [server, saved]);
  if (editing && entry) {
    return (
      <ServerForm
        editing={{ name: server, entry }}
        onDone={(names, failed) => {
          if (!failed) setEditing(false);
          setSaved((n) => n + 1);
          onChanged(names[0]);
        }}
        onCancel={() => setEditing(false)}
      />
    );
  }
  return (
    <div class="row" data-testid="server-connection">
      {entry
        ? (
          <>
            <button type="button" data-testid="edit-server" onClick={() => setEditing(true)}>
              edit
            </button>
            <ExportEntry server={server} entry={entry} />
          </>
        )
        : entry === null && <span class="muted">built in: not editable</span>}
      <Remove server={server} onRemoved={() => onChanged()} />
    </div>
  );
}
