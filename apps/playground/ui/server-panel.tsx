// The Server tab: what the server said at initialization (name, version, protocol version,
// capabilities, instructions), its connection history, ping, reconnect, edit, remove, log level
// and roots.
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ApiError, getJson, sendJson, type ServerInfo } from "./api.ts";
import { Json } from "./content-view.tsx";
import { ServerConnection } from "./server-connection.tsx";

const LEVELS = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"];
const action = (server: string, what: string) =>
  `/playground/servers/${encodeURIComponent(server)}/${what}`;
const message = (e: unknown) => e instanceof ApiError || e instanceof Error ? e.message : String(e);

function Ping({ server }: { server: string }) {
  const [out, setOut] = useState<string>();
  const ping = async () => {
    setOut("…");
    try {
      const { ms } = await sendJson<{ ms: number }>(action(server, "ping"), {});
      setOut(`pong in ${ms} ms`);
    } catch (e) {
      setOut(`failed: ${message(e)}`);
    }
  };
  return (
    <div class="row">
      <button type="button" data-testid="ping" onClick={ping}>ping</button>
      {out && <span data-testid="ping-result">{out}</span>}
    </div>
  );
}

function Reconnect({ server }: { server: string }) {
  const [out, setOut] = useState<string>();
  const reconnect = async () => {
    setOut("reconnecting…");
    try {
      await sendJson(action(server, "reconnect"), {});
      setOut("reconnected");
    } catch (e) {
      setOut(`failed: ${message(e)}`);
    }
  };
  return (
    <div class="row">
      <button type="button" data-testid="reconnect" onClick={reconnect}>reconnect</button>
      {out && <span data-testid="reconnect-result">{out}</span>}
    </div>
  );
}

function LogLevel({ server }: { server: string }) {
  const [level, setLevel] = useState("");
  const [out, setOut] = useState<string>();
  const change = async (next: string) => {
    setLevel(next);
    try {
      await sendJson(action(server, "log-level"), { level: next });
      setOut(`the server now sends ${next} and worse`);
    } catch (e) {
      setOut(`failed: ${message(e)}`);
    }
  };
  return (
    <label class="row">
      log level
      <select
        name="log-level"
        data-testid="log-level"
        value={level}
        onChange={(e) => void change(e.currentTarget.value)}
      >
        <option value="" disabled>— server default —</option>
        {LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}
      </select>
      {out && <span class="muted" data-testid="log-level-result">{out}</span>}
    </label>
  );
}

type Root = { uri: string; name?: string };

function Roots({ server }: { server: string }) {
  // Undefined until the server's current roots have loaded: the form appears only then, so an edit
  // made meanwhile can't be overwritten by the load's answer. (The Server tab is keyed by server,
  // so each server's editor starts afresh.)
  const [roots, setRoots] = useState<Root[]>();
  const [out, setOut] = useState<string>();
  useEffect(() => {
    getJson<{ roots: Root[] }>(action(server, "roots")).then(
      (r) => setRoots(r.roots),
      (err) => {
        setRoots([]);
        setOut(`could not load the roots: ${message(err)}`);
      },
    );
  }, [server]);
  if (!roots) return <p class="muted" data-testid="roots-loading">loading roots…</p>;
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      const saved = await sendJson<{ roots: Root[] }>(action(server, "roots"), { roots }, "PUT");
      setRoots(saved.roots);
      setOut(`sent ${saved.roots.length} root(s); the server was told the list changed`);
    } catch (err) {
      setOut(`failed: ${message(err)}`);
    }
  };
  const set = (i: number, patch: Partial<Root>) =>
    setRoots(roots.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <form class="roots" data-testid="roots" onSubmit={save}>
      {roots.length === 0 && <p class="muted">No roots: the server sees an empty list.</p>}
      {roots.map((r, i) => (
        <div class="row" key={i}>
          <input
            name={`root-uri-${i}`}
            placeholder="file:///path/to/project"
            required
            value={r.uri}
            onInput={(e) => set(i, { uri: e.currentTarget.value })}
          />
          <input
            name={`root-name-${i}`}
            placeholder="name (optional)"
            value={r.name ?? ""}
            onInput={(e) => set(i, { name: e.currentTarget.value })}
          />
          <button
            type="button"
            class="small"
            onClick={() => setRoots(roots.filter((_, j) => j !== i))}
          >
            remove
          </button>
        </div>
      ))}
      <div class="row">
        <button
          type="button"
          class="small"
          data-testid="add-root"
          onClick={() => setRoots([...roots, { uri: "file:///" }])}
        >
          add a root
        </button>
        <button type="submit" class="small" data-testid="save-roots">save roots</button>
        {out && <span class="muted" data-testid="roots-result">{out}</span>}
      </div>
    </form>
  );
}

/** The Server tab of one server. */
export function ServerPanel(
  { info, onChanged }: { info: ServerInfo; onChanged: (name?: string) => void },
): JSX.Element {
  const caps = info.capabilities ?? {};
  return (
    <div class="pane server-pane" data-testid="server-pane">
      <table class="facts">
        <tbody>
          <tr>
            <th>name</th>
            <td data-testid="server-name">{info.serverInfo?.name ?? "?"}</td>
          </tr>
          {info.serverInfo?.title && (
            <tr>
              <th>title</th>
              <td>{info.serverInfo.title}</td>
            </tr>
          )}
          <tr>
            <th>version</th>
            <td data-testid="server-version">{info.serverInfo?.version ?? "?"}</td>
          </tr>
          <tr>
            <th>protocol</th>
            <td data-testid="protocol-version">{info.protocolVersion ?? "?"}</td>
          </tr>
          <tr>
            <th>transport</th>
            <td>{info.transport}</td>
          </tr>
          <tr>
            <th>state</th>
            <td>
              {info.state} · connected {info.connects ?? 0}× · restarted {info.restarts ?? 0}×
              {info.lastFailure ? ` · last failure: ${info.lastFailure.message}` : ""}
            </td>
          </tr>
        </tbody>
      </table>
      <div class="row">
        <Ping server={info.name} />
        <Reconnect server={info.name} />
      </div>
      <ServerConnection server={info.name} onChanged={onChanged} />
      {"logging" in caps
        ? <LogLevel server={info.name} />
        : <p class="muted">The server has no logging capability (no log level to set).</p>}
      <h4>Roots</h4>
      <Roots server={info.name} />
      <h4>Capabilities</h4>
      <div data-testid="capabilities">
        <Json value={caps} />
      </div>
      <h4>Instructions</h4>
      {info.instructions
        ? <pre class="text" data-testid="instructions">{info.instructions}</pre>
        : <p class="muted">none</p>}
    </div>
  );
}
