// The Tools tab: pick a tool, fill its generated form (or raw JSON), run it with live progress and
// logs, and see the result.
import type { JSX } from "preact";
import { useContext, useEffect, useRef, useState } from "preact/hooks";
import {
  ApiError,
  callTool,
  getJson,
  serverPath,
  startTask,
  type TaskRow,
  type ToolAnnotations,
  type ToolInfo,
  type ToolResult,
} from "./api.ts";
import { CallActions } from "./call-actions.tsx";
import { ContentList, Json } from "./content-view.tsx";
import { answersSince } from "./dialogs.tsx";
import { MsInput } from "./ms-input.tsx";
import { defaultsOf, ObjectFields } from "./schema-form.tsx";
import type { Call } from "./snippets.ts";
import { Tasks, TaskView } from "./tasks.tsx";

interface Run {
  call: Call;
  progress?: { progress: number; total?: number; message?: string };
  logs: { level?: string; data?: unknown }[];
  result?: ToolResult;
  error?: string;
  /** Set when the tool runs as a task: its outcome comes with the task's events. */
  taskId?: string;
}

/** Whether a run has its outcome (a task's comes with its last event). */
const finished = (run: Run, task: TaskRow | undefined) =>
  !!(run.result || run.error || task?.result || task?.error);

function ProgressBar({ progress }: { progress: NonNullable<Run["progress"]> }) {
  const pct = progress.total ? Math.round((progress.progress / progress.total) * 100) : undefined;
  return (
    <div class="progress" data-testid="progress" data-percent={pct ?? ""}>
      <div class="bar" style={{ width: `${pct ?? 100}%` }} />
      <span>{pct !== undefined ? `${pct}%` : progress.progress} {progress.message ?? ""}</span>
    </div>
  );
}

const HINTS: [keyof ToolAnnotations, string, string][] = [
  ["readOnlyHint", "read-only", "does not change its environment"],
  ["destructiveHint", "destructive", "may delete or overwrite"],
  ["idempotentHint", "idempotent", "calling again with the same arguments has no more effect"],
  ["openWorldHint", "open world", "talks to the outside world"],
];

/** A tool's annotations as badges (hints the server gives, not guarantees). */
export function Annotations(
  { annotations }: { annotations?: ToolAnnotations },
): JSX.Element | null {
  if (!annotations) return null;
  const shown = HINTS.filter(([key]) => typeof annotations[key] === "boolean");
  if (shown.length === 0) return null;
  return (
    <span class="annotations row" data-testid="tool-annotations">
      {shown.map(([key, label, meaning]) => (
        <span
          key={key}
          class={`badge hint ${annotations[key] ? "yes" : "no"} hint-${key}`}
          title={`${key}: ${annotations[key]} (${meaning})`}
        >
          {annotations[key] ? label : `not ${label}`}
        </span>
      ))}
    </span>
  );
}

function RawJson({ run }: { run: Run }) {
  const request = {
    method: "tools/call",
    params: { name: run.call.name, arguments: run.call.args },
  };
  const response = run.result ?? (run.error ? { error: run.error } : undefined);
  return (
    <div class="raw-json" data-testid="raw-json">
      <h4>Request</h4>
      <Json value={request} />
      <h4>Response</h4>
      {response ? <Json value={response} /> : <p class="muted">waiting…</p>}
    </div>
  );
}

function ResultView({ result }: { result: ToolResult }) {
  return (
    <div class={result.isError ? "result is-error" : "result"} data-testid="result">
      {result.isError && <strong class="error">The tool reported an error</strong>}
      <ContentList content={result.content} />
      {result.structuredContent !== null && result.structuredContent !== undefined && (
        <div data-testid="structured">
          <h4>Structured content</h4>
          <Json value={result.structuredContent} />
        </div>
      )}
    </div>
  );
}

function RunView({ run }: { run: Run }) {
  const tasks = useContext(Tasks);
  const task = run.taskId ? tasks[run.taskId] : undefined;
  const done = finished(run, task);
  const [raw, setRaw] = useState(false);
  return (
    <section class="run" data-testid="run">
      <label class="toggle">
        <input
          type="checkbox"
          data-testid="raw-json-toggle"
          checked={raw}
          onChange={(e) => setRaw(e.currentTarget.checked)}
        />{" "}
        JSON
      </label>
      {raw && <RawJson run={run} />}
      {run.progress && <ProgressBar progress={run.progress} />}
      {run.logs.length > 0 && (
        <ul class="log" data-testid="call-log">
          {run.logs.map((l, i) => (
            <li key={i} class={`level-${l.level}`}>
              [{l.level}] {typeof l.data === "string" ? l.data : JSON.stringify(l.data)}
            </li>
          ))}
        </ul>
      )}
      {!done && !run.taskId && <p class="muted">running…</p>}
      {run.taskId && <TaskView taskId={run.taskId} Result={ResultView} />}
      {run.error && <p class="error" data-testid="call-error">{run.error}</p>}
      {run.result && <ResultView result={run.result} />}
      {done && (
        <div class="timing" data-testid="timing">
          {run.call.ms} ms <CallActions call={run.call} />
        </div>
      )}
    </section>
  );
}

// Form values per server and tool, for this page's life: switching tools (or servers, or a
// reconnect) keeps what was typed.
const kept = new Map<string, Record<string, unknown>>();
const keyOf = (server: string, tool: string) => `${server}\u0000${tool}`;

/** The Tools tab of one server. */
export function ToolsPanel(
  { server, version, replay, onCall }: {
    server: string;
    version: number;
    replay?: Call;
    onCall: (call: Call) => void;
  },
): JSX.Element {
  const [tools, setTools] = useState<ToolInfo[]>([]);
  const [error, setError] = useState<string>();
  const [selected, setSelected] = useState<ToolInfo>();
  const [args, setArgs] = useState<Record<string, unknown>>({});
  const [raw, setRaw] = useState<string | undefined>();
  const [run, setRun] = useState<Run>();
  const [asTask, setAsTask] = useState(false);
  const [timeoutMs, setTimeoutMs] = useState<number>();
  const [maxTimeoutMs, setMaxTimeoutMs] = useState<number>();
  const tasks = useContext(Tasks);

  useEffect(() => {
    getJson<{ tools: ToolInfo[] }>(serverPath(server, "/tools"))
      .then((r) => (setTools(r.tools), setError(undefined)))
      .catch((e: Error) => setError(e.message));
  }, [server, version]);

  const choose = (tool: ToolInfo, preset?: Record<string, unknown>) => {
    setSelected(tool);
    const values = preset ?? kept.get(keyOf(server, tool.name)) ?? defaultsOf(tool.inputSchema);
    kept.set(keyOf(server, tool.name), values);
    setArgs(values);
    setRaw(undefined);
    setRun(undefined);
    setAsTask(tool.execution?.taskSupport === "required");
  };

  const execute = async (tool: ToolInfo, input: Record<string, unknown>, task = false) => {
    const call: Call = {
      id: crypto.randomUUID(),
      server,
      kind: "tool",
      name: tool.name,
      args: input,
      at: Date.now(),
    };
    const state: Run = { call, logs: [] };
    setRun({ ...state });
    const started = performance.now();
    const since = Date.now();
    try {
      if (task) {
        state.taskId = (await startTask(server, tool.name, input)).taskId;
        setRun({ ...state });
        call.ms = Math.round(performance.now() - started);
        return onCall(call);
      }
      state.result = await callTool(
        server,
        tool.name,
        input,
        {
          onProgress: (progress, total, message) =>
            setRun({ ...state, progress: { progress, total, message } }),
          onLog: (log) => (state.logs = [...state.logs, log], setRun({ ...state })),
        },
        undefined,
        { timeoutMs, maxTimeoutMs },
      );
      call.ok = !state.result.isError;
    } catch (e) {
      state.error = e instanceof ApiError || e instanceof Error ? e.message : String(e);
      call.ok = false;
    }
    call.ms = Math.round(performance.now() - started);
    const answers = answersSince(server, since);
    if (answers.length > 0) call.answers = answers;
    setRun((prev) => ({ ...state, progress: prev?.progress }));
    onCall(call);
  };

  // A replayed call runs once, even when the list reloads (list_changed) afterwards.
  const replayed = useRef<Call | undefined>(undefined);
  useEffect(() => {
    if (replay === replayed.current) return;
    const tool = replay && tools.find((t) => t.name === replay.name);
    if (tool && replay) {
      replayed.current = replay;
      choose(tool, replay.args);
      void execute(tool, replay.args, tool.execution?.taskSupport === "required");
    }
  }, [replay, tools]);

  const submit = (e: Event) => {
    e.preventDefault();
    if (!selected) return;
    let input = args;
    if (raw !== undefined) {
      try {
        input = JSON.parse(raw || "{}");
      } catch {
        setRun({
          call: { id: "", server, kind: "tool", name: selected.name, args: {}, at: 0 },
          logs: [],
          error: "The raw JSON does not parse.",
        });
        return;
      }
    }
    void execute(selected, input, asTask);
  };
  const support = selected?.execution?.taskSupport;

  return (
    <div class="split">
      <ul class="list" data-testid="tool-list">
        {error && <li class="error">{error}</li>}
        {tools.map((t) => (
          <li key={t.name}>
            <button
              type="button"
              class={selected?.name === t.name ? "item active" : "item"}
              data-testid={`tool-${t.name}`}
              onClick={() => choose(t)}
            >
              <strong>
                {t.name}
                {t.annotations?.destructiveHint === true && (
                  <span class="badge hint yes hint-destructiveHint" title="destructive">!</span>
                )}
              </strong>
              <small>{t.description}</small>
            </button>
          </li>
        ))}
      </ul>
      <div class="detail">
        {!selected && <p class="muted">Pick a tool.</p>}
        {selected && (
          <form onSubmit={submit} data-testid="tool-form">
            <h2>{selected.title ?? selected.annotations?.title ?? selected.name}</h2>
            <Annotations annotations={selected.annotations} />
            <p class="muted">{selected.description}</p>
            <label class="toggle">
              <input
                type="checkbox"
                checked={raw !== undefined}
                data-testid="raw-toggle"
                onChange={(e) => {
                  if (e.currentTarget.checked) setRaw(JSON.stringify(args, null, 2));
                  else {
                    try {
                      setArgs(JSON.parse(raw || "{}"));
                    } catch { /* keep the form's value */ }
                    setRaw(undefined);
                  }
                }}
              />{" "}
              raw JSON
            </label>
            {raw === undefined
              ? (
                <ObjectFields
                  schema={selected.inputSchema ?? {}}
                  path=""
                  value={args}
                  onChange={(v) => (kept.set(keyOf(server, selected.name), v), setArgs(v))}
                />
              )
              : (
                <textarea
                  class="raw"
                  rows={8}
                  name="raw"
                  value={raw}
                  onInput={(e) => setRaw(e.currentTarget.value)}
                />
              )}
            {(support === "required" || support === "optional") && (
              <label class="toggle task-toggle" title={`execution.taskSupport: ${support}`}>
                <input
                  type="checkbox"
                  data-testid="run-as-task"
                  checked={asTask}
                  disabled={support === "required"}
                  onChange={(e) =>
                    setAsTask(e.currentTarget.checked)}
                />{" "}
                run as a task{support === "required" ? " (the tool requires it)" : ""}
              </label>
            )}
            <MsInput
              label="timeout"
              title="restarted by each progress notification"
              testId="call-timeout"
              placeholder="60000"
              value={timeoutMs}
              onChange={setTimeoutMs}
            />
            <MsInput
              label="max"
              title="the most the call may take in all, progress or not"
              testId="call-max-timeout"
              placeholder="none"
              value={maxTimeoutMs}
              onChange={setMaxTimeoutMs}
            />
            <button
              type="submit"
              class="primary"
              data-testid="run-tool"
              disabled={!!run && !finished(run, run.taskId ? tasks[run.taskId] : undefined)}
            >
              Run
            </button>
          </form>
        )}
        {run && <RunView run={run} />}
      </div>
    </div>
  );
}
