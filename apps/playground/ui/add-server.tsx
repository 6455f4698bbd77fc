// Adding a server at runtime: a command (with arguments and environment) or a URL (with a bearer
// token or headers), sent to the playground as an mcpServers entry.
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { ApiError, sendJson } from "./api.ts";

function pairs(text: string, separator: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n").map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf(separator);
    if (at > 0) out[line.slice(0, at).trim()] = line.slice(at + separator.length).trim();
  }
  return out;
}

/** The "add a server" form; `onAdded` gets the new server's name. */
export function AddServer({ onAdded }: { onAdded: (name: string) => void }): JSX.Element {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<"command" | "url">("command");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <button
        type="button"
        class="small"
        data-testid="add-server"
        onClick={() => setOpen(true)}
      >
        + add a server
      </button>
    );
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const get = (key: string) => String(form.get(key) ?? "").trim();
    const name = get("name");
    const entry = kind === "command"
      ? {
        command: get("command"),
        args: get("args") ? get("args").split(/\s+/) : [],
        env: pairs(get("env"), "="),
      }
      : {
        url: get("url"),
        headers: {
          ...pairs(get("headers"), ":"),
          ...(get("bearer") ? { Authorization: `Bearer ${get("bearer")}` } : {}),
        },
      };
    setBusy(true);
    try {
      await sendJson("/playground/servers", { name, entry });
      setOpen(false);
      setError(undefined);
      onAdded(name);
    } catch (err) {
      // The server may be added but failed to connect: it shows in the list with its error.
      const problem = err instanceof ApiError ? err.problem : {};
      const detail = (problem.lastError as { message?: string } | null)?.message;
      setError(detail ?? (err instanceof Error ? err.message : String(err)));
      if (problem.name) onAdded(String(problem.name));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="add-server fields" data-testid="add-server-form" onSubmit={submit}>
      <input name="name" placeholder="name" required pattern="[A-Za-z0-9][\w.\-]*" />
      <select value={kind} onChange={(e) => setKind(e.currentTarget.value as "command" | "url")}>
        <option value="command">command (stdio)</option>
        <option value="url">URL (HTTP)</option>
      </select>
      {kind === "command"
        ? (
          <>
            <input name="command" placeholder="command, e.g. npx" required />
            <input name="args" placeholder="arguments, space-separated" />
            <textarea name="env" rows={2} placeholder="environment: KEY=value per line" />
          </>
        )
        : (
          <>
            <input name="url" type="url" placeholder="http://127.0.0.1:3000/mcp" required />
            <input name="bearer" type="password" placeholder="bearer token (optional)" />
            <textarea name="headers" rows={2} placeholder="headers: Name: value per line" />
          </>
        )}
      {error && <p class="error" data-testid="add-server-error">{error}</p>}
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>add</button>
        <button type="button" onClick={() => setOpen(false)}>cancel</button>
      </div>
    </form>
  );
}
