// The playground's page: servers with their state, tabs for tools, resources, prompts and history,
// the server log, and dialogs for the servers' sampling and elicitation requests.
import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { ServerInfo, TaskRow, TrafficEntry } from "./api.ts";
import { Snippets } from "./call-actions.tsx";
import { AddServer } from "./add-server.tsx";
import { connectEvents, type Events, type Link } from "./connection.ts";
import { RequestDialog, type ServerRequest } from "./dialogs.tsx";
import { HistoryPanel } from "./history-panel.tsx";
import { PromptsPanel } from "./prompts-panel.tsx";
import { OpenResource } from "./open-resource.ts";
import { ResourcesPanel } from "./resources-panel.tsx";
import { ServerPanel } from "./server-panel.tsx";
import { TrafficPanel } from "./traffic-panel.tsx";
import type { Call, SnippetSources } from "./snippets.ts";
import { Tasks, TasksPanel } from "./tasks.tsx";
import { ToolsPanel } from "./tools-panel.tsx";
import "./style.css";

type Tab = "tools" | "resources" | "prompts" | "server" | "tasks" | "traffic" | "history";
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

const time = (at: number | undefined) => at ? new Date(at).toLocaleTimeString() : "";

function ServerList(
  { servers, selected, stale, onSelect }: {
    servers: ServerInfo[];
    selected?: string;
    stale: boolean;
    onSelect: (name: string) => void;
  },
) {
  return (
    <ul class={stale ? "servers stale" : "servers"} data-testid="servers">
      {servers.map((s) => {
        // While the playground is unreachable, nothing is known about its servers.
        const state = stale ? "unknown" : s.state;
        return (
          <li key={s.name}>
            <button
              type="button"
              class={s.name === selected ? "item active" : "item"}
              data-testid={`server-${s.name}`}
              data-state={state}
              data-restarts={s.restarts ?? 0}
              onClick={() => onSelect(s.name)}
            >
              <span class={`dot state-${state}`} title={state} />
              <strong>{s.name}</strong>
              <small>
                {s.transport} · {stale ? "unknown (playground disconnected)" : s.state}
                {s.serverInfo?.version ? ` · v${s.serverInfo.version}` : ""}
                {!stale && s.since ? ` since ${time(s.since)}` : ""}
              </small>
              {(s.restarts ?? 0) > 0 && (
                <small class="restarts" data-testid="restarts">
                  restarted {s.restarts}× · last failure {time(s.lastFailure?.at)}:{" "}
                  {s.lastFailure?.message ?? "?"}
                </small>
              )}
              {s.lastError && <small class="error">{s.lastError.message}</small>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function LinkBadge({ link, events }: { link: Link; events?: Events }) {
  const text = link.status === "live"
    ? "live"
    : link.status === "connecting"
    ? "connecting…"
    : `disconnected · retry ${link.attempt} at ${time(link.retryAt)}`;
  return (
    <span class={`live ${link.status}`} data-testid="connection" data-status={link.status}>
      {text}
      {link.status === "disconnected" && (
        <button
          type="button"
          class="small"
          onClick={() => events?.retry()}
        >
          retry now
        </button>
      )}
    </span>
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
  const [link, setLink] = useState<Link>({ status: "connecting", attempt: 0 });
  const [events, setEvents] = useState<Events>();
  const [versions, setVersions] = useState<Record<string, number>>({});
  const [epoch, setEpoch] = useState(0);
  const [traffic, setTraffic] = useState<TrafficEntry[]>([]);
  const [tasks, setTasks] = useState<Record<string, TaskRow>>({});
  const instance = useRef<string | undefined>(undefined);
  const snippets = useRef<SnippetSources>({});

  useEffect(() => {
    const onLink = (next: Link) => {
      // A restarted playground has new server sessions: reload every list.
      if (next.instance && instance.current && next.instance !== instance.current) {
        setEpoch((n) => n + 1);
        setRequests([]);
      }
      if (next.instance) instance.current = next.instance;
      if (next.snippets) snippets.current = next.snippets;
      setLink(next);
    };
    const es = connectEvents({
      servers: (list: ServerInfo[]) => setServers(list),
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
      "traffic-recent": (list: TrafficEntry[]) => setTraffic(list),
      traffic: (entry: TrafficEntry) => setTraffic((prev) => [...prev.slice(-1999), entry]),
      "tasks-recent": (rows: TaskRow[]) =>
        setTasks(Object.fromEntries(rows.map((r) => [r.taskId, r]))),
      task: (row: TaskRow) => setTasks((prev) => ({ ...prev, [row.taskId]: row })),
      // A removed server leaves nothing behind: its traffic, log lines and tasks go too.
      "server-removed": ({ server }: { server: string }) => {
        setTraffic((prev) => prev.filter((e) => e.server !== server));
        setLogs((prev) => prev.filter((l) => l.server !== server));
        setTasks((prev) =>
          Object.fromEntries(Object.entries(prev).filter(([, row]) => row.server !== server))
        );
      },
    }, onLink);
    setEvents(es);
    return () => es.close();
  }, []);
  useEffect(() => {
    if (!server && servers.length > 0) setServer(servers[0]!.name);
  }, [servers]);
  useEffect(() => localStorage.setItem(HISTORY_KEY, JSON.stringify(history.slice(0, 100))), [
    history,
  ]);

  const onCall = (call: Call) =>
    setHistory((prev) => [call, ...prev.filter((c) => c.id !== call.id)].slice(0, 100));
  const current = servers.find((s) => s.name === server);
  // A server that was connected once keeps its panels (and the last run) while it is down or
  // restarting; a restart reloads its lists.
  const usable = current !== undefined &&
    (current.state === "connected" || (current.connects ?? 0) > 0);
  const version = current ? (versions[current.name] ?? 0) + (current.restarts ?? 0) : 0;
  const tabs: Tab[] = ["tools", "resources", "prompts", "server", "tasks", "traffic", "history"];
  const openResource = (uri: string) => {
    if (!current) return;
    setTab("resources");
    setReplay({
      id: crypto.randomUUID(),
      server: current.name,
      kind: "resource",
      name: uri,
      args: {},
      at: Date.now(),
    });
  };

  return (
    <OpenResource.Provider value={openResource}>
      <Snippets.Provider value={link.snippets ?? snippets.current}>
        <Tasks.Provider value={tasks}>
          <div class="app">
            <header>
              <h1>mcpwire playground</h1>
              <LinkBadge link={link} events={events} />
            </header>
            <aside>
              <h3>Servers</h3>
              <ServerList
                servers={servers}
                stale={link.status !== "live"}
                selected={server}
                onSelect={(n) => (setServer(n), setReplay(undefined))}
              />
              <AddServer onAdded={(name) => (setServer(name), setTab("tools"))} />
              <h3>Log</h3>
              <ul class="log server-log" data-testid="server-log">
                {logs.slice(-30).map((l, i) => (
                  <li key={i} class={`level-${l.level}`}>
                    {l.server} [{l.level}]{" "}
                    {typeof l.data === "string" ? l.data : JSON.stringify(l.data)}
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
              {link.status === "disconnected" && (
                <p class="error banner" data-testid="disconnected-banner">
                  The playground is not reachable (stopped or restarting?). The page retries by
                  itself; server states are unknown until it answers.
                </p>
              )}
              {current && current.state !== "connected" && tab !== "history" && tab !== "traffic" &&
                (
                  <p class="error" data-testid="server-down">
                    Server {current.name} is {current.state}
                    {current.lastError ? `: ${current.lastError.message}` : ""}
                  </p>
                )}
              {usable && current && tab === "tools" && (
                <ToolsPanel
                  version={version}
                  key={`${server}#${epoch}`}
                  server={current.name}
                  replay={replay?.kind === "tool" ? replay : undefined}
                  onCall={onCall}
                />
              )}
              {usable && current && tab === "resources" && (
                <ResourcesPanel
                  version={version}
                  key={`${server}#${epoch}`}
                  server={current.name}
                  updates={updates}
                  replay={replay?.kind === "resource" ? replay : undefined}
                  onCall={onCall}
                />
              )}
              {usable && current && tab === "prompts" && (
                <PromptsPanel
                  version={version}
                  key={`${server}#${epoch}`}
                  server={current.name}
                  replay={replay?.kind === "prompt" ? replay : undefined}
                  onCall={onCall}
                />
              )}
              {current && tab === "server" && (
                <ServerPanel
                  key={current.name}
                  info={current}
                  onChanged={(name) =>
                    setServer(name ?? servers.find((s) => s.name !== current.name)?.name)}
                />
              )}
              {tab === "tasks" && <TasksPanel />}
              {tab === "traffic" && (
                <TrafficPanel
                  traffic={traffic}
                  onClear={() => setTraffic([])}
                />
              )}
              {tab === "history" && (
                <HistoryPanel
                  history={history}
                  onClear={() => setHistory([])}
                  onReplay={(c) => {
                    setServer(c.server);
                    setTab(
                      c.kind === "tool" ? "tools" : c.kind === "prompt" ? "prompts" : "resources",
                    );
                    setReplay({ ...c });
                  }}
                />
              )}
            </main>
            <RequestDialog requests={requests} />
          </div>
        </Tasks.Provider>
      </Snippets.Provider>
    </OpenResource.Provider>
  );
}

render(<App />, document.getElementById("app")!);
