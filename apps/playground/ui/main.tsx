// The playground's page: servers with their state, tabs for tools, resources, prompts and history,
// the server log, and dialogs for the servers' sampling and elicitation requests.
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { listen, type ServerInfo } from "./api.ts";
import { RequestDialog, type ServerRequest } from "./dialogs.tsx";
import { HistoryPanel } from "./history-panel.tsx";
import { PromptsPanel } from "./prompts-panel.tsx";
import { ResourcesPanel } from "./resources-panel.tsx";
import type { Call } from "./snippets.ts";
import { ToolsPanel } from "./tools-panel.tsx";
import "./style.css";

type Tab = "tools" | "resources" | "prompts" | "history";
interface LogLine {
  server: string;
  level?: string;
  logger?: string;
  data?: unknown;
  at: number;
}

const HISTORY_KEY = "mcpwire-playground-history";
const loadHistory = (): Call[] => {
  try {
    return JSON.parse(localStorage.getItem(HISTORY_KEY) ?? "[]");
  } catch {
    return [];
  }
};

function ServerList(
  { servers, selected, onSelect }: {
    servers: ServerInfo[];
    selected?: string;
    onSelect: (name: string) => void;
  },
) {
  return (
    <ul class="servers" data-testid="servers">
      {servers.map((s) => (
        <li key={s.name}>
          <button
            type="button"
            class={s.name === selected ? "item active" : "item"}
            onClick={() => onSelect(s.name)}
          >
            <span class={`dot state-${s.state}`} title={s.state} />
            <strong>{s.name}</strong>
            <small>
              {s.transport} · {s.state}
              {s.serverInfo?.version ? ` · v${s.serverInfo.version}` : ""}
            </small>
            {s.lastError && <small class="error">{s.lastError.message}</small>}
          </button>
        </li>
      ))}
    </ul>
  );
}

function App() {
  const [servers, setServers] = useState<ServerInfo[]>([]);
  const [server, setServer] = useState<string>();
  const [tab, setTab] = useState<Tab>("tools");
  const [logs, setLogs] = useState<LogLine[]>([]);
  const [requests, setRequests] = useState<ServerRequest[]>([]);
  const [updates, setUpdates] = useState<Record<string, number>>({});
  const [history, setHistory] = useState<Call[]>(loadHistory);
  const [replay, setReplay] = useState<Call>();
  const [live, setLive] = useState(false);
  const [versions, setVersions] = useState<Record<string, number>>({});

  useEffect(() =>
    listen({
      servers: (list: ServerInfo[]) => (setLive(true), setServers(list)),
      log: (line: Omit<LogLine, "at">) =>
        setLogs((prev) => [...prev.slice(-199), { ...line, at: Date.now() }]),
      request: (r: ServerRequest) =>
        setRequests((prev) => [...prev.filter((x) => x.id !== r.id), r]),
      "request-done": ({ id }: { id: string }) =>
        setRequests((prev) => prev.filter((x) => x.id !== id)),
      "list-changed": ({ server }: { server: string }) =>
        setVersions((prev) => ({ ...prev, [server]: (prev[server] ?? 0) + 1 })),
      "resource-updated": ({ uri }: { uri: string }) =>
        setUpdates((prev) => ({ ...prev, [uri]: (prev[uri] ?? 0) + 1 })),
    }), []);
  useEffect(() => {
    if (!server && servers.length > 0) setServer(servers[0]!.name);
  }, [servers]);
  useEffect(() => localStorage.setItem(HISTORY_KEY, JSON.stringify(history.slice(0, 100))), [
    history,
  ]);

  const onCall = (call: Call) =>
    setHistory((prev) => [call, ...prev.filter((c) => c.id !== call.id)].slice(0, 100));
  const current = servers.find((s) => s.name === server);
  const tabs: Tab[] = ["tools", "resources", "prompts", "history"];

  return (
    <div class="app">
      <header>
        <h1>mcpwire playground</h1>
        <span class={live ? "live on" : "live"}>{live ? "live" : "connecting…"}</span>
      </header>
      <aside>
        <h3>Servers</h3>
        <ServerList
          servers={servers}
          selected={server}
          onSelect={(n) => (setServer(n), setReplay(undefined))}
        />
        <h3>Log</h3>
        <ul class="log server-log" data-testid="server-log">
          {logs.slice(-30).map((l, i) => (
            <li key={i} class={`level-${l.level}`}>
              {l.server} [{l.level}] {typeof l.data === "string" ? l.data : JSON.stringify(l.data)}
            </li>
          ))}
        </ul>
      </aside>
      <main>
        <nav class="tabs">
          {tabs.map((t) => (
            <button
              type="button"
              key={t}
              class={t === tab ? "tab active" : "tab"}
              data-testid={`tab-${t}`}
              onClick={() => (setTab(t), setReplay(undefined))}
            >
              {t}
            </button>
          ))}
        </nav>
        {current && current.state !== "connected" && tab !== "history" && (
          <p class="error">
            Server {current.name} is {current.state}
            {current.lastError ? `: ${current.lastError.message}` : ""}
          </p>
        )}
        {current?.state === "connected" && tab === "tools" && (
          <ToolsPanel
            version={versions[current.name] ?? 0}
            key={server}
            server={current.name}
            replay={replay?.kind === "tool" ? replay : undefined}
            onCall={onCall}
          />
        )}
        {current?.state === "connected" && tab === "resources" && (
          <ResourcesPanel
            version={versions[current.name] ?? 0}
            key={server}
            server={current.name}
            updates={updates}
            replay={replay?.kind === "resource" ? replay : undefined}
            onCall={onCall}
          />
        )}
        {current?.state === "connected" && tab === "prompts" && (
          <PromptsPanel
            version={versions[current.name] ?? 0}
            key={server}
            server={current.name}
            replay={replay?.kind === "prompt" ? replay : undefined}
            onCall={onCall}
          />
        )}
        {tab === "history" && (
          <HistoryPanel
            history={history}
            onClear={() => setHistory([])}
            onReplay={(c) => {
              setServer(c.server);
              setTab(c.kind === "tool" ? "tools" : c.kind === "prompt" ? "prompts" : "resources");
              setReplay({ ...c });
            }}
          />
        )}
      </main>
      <RequestDialog requests={requests} />
    </div>
  );
}

render(<App />, document.getElementById("app")!);
