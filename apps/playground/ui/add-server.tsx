// The connection panel's forms: add a server (a command with arguments and environment, a URL with
// a bearer token, headers or OAuth, or every server of a config file) and edit one, sent to the
// playground as mcpServers entries.
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { ApiError, sendJson } from "./api.ts";

/** An `mcpServers` entry, as far as the form edits it. */
export interface ServerEntry {
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  url?: string;
  headers?: Record<string, string>;
  [key: string]: unknown;
}

type Kind = "command" | "url" | "file";

function pairs(text: string, separator: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n").map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf(separator);
    if (at > 0) out[line.slice(0, at).trim()] = line.slice(at + separator.length).trim();
  }
  return out;
}

const lines = (o: Record<string, string> | undefined, separator: string) =>
  Object.entries(o ?? {}).map(([k, v]) => `${k}${separator}${v}`).join("\n");

function entryOf(kind: Kind, get: (key: string) => string, base: ServerEntry): ServerEntry {
  // Keys the form does not show (timeouts, cwd, …) are kept as they were.
  const { command: _c, args: _a, env: _e, url: _u, headers: _h, auth, ...kept } = base;
  if (kind === "command") {
    return {
      ...kept,
      command: get("command"),
      args: get("args") ? get("args").split(/\s+/) : [],
      env: pairs(get("env"), "="),
    };
  }
  // `auth: "oauth"`: the playground runs the OAuth flow through this page
  const oauth = get("oauth") === "on" ? { auth: "oauth" } : auth === "oauth" ? {} : { auth };
  return {
    ...kept,
    ...(oauth.auth === undefined ? {} : oauth),
    url: get("url"),
    headers: {
      ...pairs(get("headers"), ":"),
      ...(get("bearer") ? { Authorization: `Bearer ${get("bearer")}` } : {}),
    },
  };
}

function Fields({ kind, entry }: { kind: Kind; entry: ServerEntry }) {
  if (kind === "file") {
    return (
      <input name="path" placeholder="path of an mcp.json (on the playground's machine)" required />
    );
  }
  if (kind === "command") {
    return (
      <>
        <input
          name="command"
          placeholder="command, e.g. npx"
          required
          defaultValue={entry.command}
        />
        <input
          name="args"
          placeholder="arguments, space-separated"
          defaultValue={entry.args?.join(" ")}
        />
        <textarea
          name="env"
          rows={2}
          placeholder="environment: KEY=value per line"
          defaultValue={lines(entry.env, "=")}
        />
      </>
    );
  }
  const { Authorization: auth, ...headers } = entry.headers ?? {};
  const bearer = auth?.startsWith("Bearer ") ? auth.slice(7) : undefined;
  const other = bearer === undefined && auth !== undefined
    ? { Authorization: auth, ...headers }
    : headers;
  return (
    <>
      <input
        name="url"
        type="url"
        placeholder="http://127.0.0.1:3000/mcp"
        required
        defaultValue={entry.url}
      />
      <label class="check">
        <input
          type="checkbox"
          name="oauth"
          data-testid="server-oauth"
          defaultChecked={entry.auth === "oauth"}
        />{" "}
        OAuth: sign in through this page
      </label>
      <input
        name="bearer"
        type="password"
        placeholder="bearer token (optional)"
        defaultValue={bearer}
      />
      <textarea
        name="headers"
        rows={2}
        placeholder="headers: Name: value per line"
        defaultValue={lines(other, ": ")}
      />
    </>
  );
}

/**
 * The form that adds a server, or edits one when `editing` is given. `onDone` gets the names of
 * the servers added or changed, and `failed` when they were added but failed to connect.
 */
export function ServerForm(
  { editing, onDone, onCancel }: {
    editing?: { name: string; entry: ServerEntry };
    onDone: (names: string[], failed?: boolean) => void;
    onCancel: () => void;
  },
): JSX.Element {
  const base = editing?.entry ?? {};
  const [kind, setKind] = useState<Kind>(editing?.entry.url ? "url" : "command");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const get = (key: string) => String(form.get(key) ?? "").trim();
    setBusy(true);
    setError(undefined);
    try {
      if (kind === "file") {
        const { servers } = await sendJson<{ servers: { name: string; state: string }[] }>(
          "/playground/config-files",
          { path: get("path") },
        );
        onDone(servers.map((s) => s.name));
      } else {
        const name = get("name");
        const body = { name, entry: entryOf(kind, get, base) };
        if (editing) {
          await sendJson(`/playground/servers/${encodeURIComponent(editing.name)}`, body, "PUT");
        } else await sendJson("/playground/servers", body);
        onDone([name]);
      }
    } catch (err) {
      // The server may be added but failed to connect: it shows in the list with its error.
      const problem = err instanceof ApiError ? err.problem : {};
      const detail = (problem.lastError as { message?: string } | null)?.message;
      setError(detail ?? (err instanceof Error ? err.message : String(err)));
      if (problem.name) onDone([String(problem.name)], true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="add-server fields"
      data-testid={editing ? "edit-server-form" : "add-server-form"}
      onSubmit={submit}
    >
      {editing && <h4>edit {editing.name}</h4>}
      {kind !== "file" && (
        <input
          name="name"
          placeholder="name"
          required
          pattern="[A-Za-z0-9][\w.\-]*"
          defaultValue={editing?.name}
        />
      )}
      <select
        name="kind"
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value as Kind)}
      >
        <option value="command">command (stdio)</option>
        <option value="url">URL (HTTP)</option>
        {!editing && <option value="file">config file (its servers)</option>}
      </select>
      <Fields kind={kind} entry={base} />
      {error && <p class="error" data-testid="add-server-error">{error}</p>}
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>{editing ? "save" : "add"}</button>
        <button type="button" onClick={onCancel}>cancel</button>
      </div>
    </form>
  );
}

/** The "add a server" button and form; `onAdded` gets the first new server's name. */
export function AddServer({ onAdded }: { onAdded: (name: string) => void }): JSX.Element {
  const [open, setOpen] = useState(false);
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
  return (
    <ServerForm
      onDone={(names, failed) => {
        if (!failed) setOpen(false);
        if (names[0]) onAdded(names[0]);
      }}
      onCancel={() => setOpen(false)}
    />
  );
}
