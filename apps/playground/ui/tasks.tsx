// Tool calls running as MCP tasks: one task's live status with cancel and its result (under the
// tool's form), and the Tasks tab listing every task started from the playground.
import { createContext, type JSX } from "preact";
import { useContext, useState } from "preact/hooks";
import { cancelTask, isFinal, type TaskRow, type ToolResult } from "./api.ts";

/** Every task the playground knows, by id, as the event stream keeps it. */
export const Tasks = createContext<Record<string, TaskRow>>({});

function CancelButton({ row }: { row: TaskRow }) {
  const [error, setError] = useState<string>();
  if (isFinal(row)) return null;
  const cancel = () =>
    cancelTask(row).then(() => setError(undefined), (e: Error) => setError(e.message));
  return (
    <>
      <button type="button" class="small" data-testid="cancel-task" onClick={cancel}>
        cancel
      </button>
      {error && <span class="error">{error}</span>}
    </>
  );
}

function Status({ row }: { row: TaskRow }) {
  return (
    <span class={`badge task-${row.status}`} data-testid="task-status" data-status={row.status}>
      {row.status}
    </span>
  );
}

/** One task's status line, cancel button and outcome; `Result` renders a tool's result. */
export function TaskView(
  { taskId, Result }: { taskId: string; Result: (p: { result: ToolResult }) => JSX.Element },
): JSX.Element {
  const row = useContext(Tasks)[taskId];
  if (!row) return <p class="muted">starting the task…</p>;
  return (
    <div class="task" data-testid="task" data-task-id={row.taskId}>
      <div class="row">
        task <code>{row.taskId}</code> <Status row={row} />
        <span class="muted" data-testid="task-message">{row.statusMessage ?? ""}</span>
        <CancelButton row={row} />
      </div>
      {row.error && <p class="error" data-testid="call-error">{row.error}</p>}
      {row.result && <Result result={row.result} />}
    </div>
  );
}

const time = (iso: string) => new Date(iso).toLocaleTimeString();

/** The Tasks tab: every task started from the playground, newest first. */
export function TasksPanel(): JSX.Element {
  const rows = Object.values(useContext(Tasks)).reverse();
  return (
    <div class="pane" data-testid="tasks-pane">
      {rows.length === 0 && (
        <p class="muted">
          No tasks yet. A tool whose <code>execution.taskSupport</code>{" "}
          is required or optional can be run as a task from the Tools tab.
        </p>
      )}
      <table class="facts tasks">
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.server}/${row.taskId}`} data-testid="task-row">
              <td>{time(row.createdAt)}</td>
              <td>{row.server} / {row.tool}</td>
              <td>
                <Status row={row} />
              </td>
              <td class="muted">{row.error ?? row.statusMessage ?? ""}</td>
              <td>
                <CancelButton row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
