// The Resources tab: resources and templates; read, render, download and subscribe.
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { getJson, request, serverPath } from "./api.ts";
import { CallActions } from "./call-actions.tsx";
import { CompletionInput } from "./completion-input.tsx";
import { dataUrl, Json } from "./content-view.tsx";
import type { Call } from "./snippets.ts";

interface Resource {
  uri: string;
  name: string;
  title?: string;
  mimeType?: string;
  description?: string;
}
interface Template {
  uriTemplate: string;
  name: string;
  title?: string;
  description?: string;
}
interface Contents {
  uri: string;
  mimeType?: string;
  text?: string;
  blob?: string;
}

/** The variables of an RFC 6570 template (`{id}`, `{+path}`, `{?q,page}`). */
export function variables(template: string): string[] {
  return [...template.matchAll(/\{[+#./;?&]?([^}]+)\}/g)].flatMap((m) =>
    m[1]!.split(",").map((v) => v.replace(/\*$|:\d+$/, ""))
  );
}

function expand(template: string, values: Record<string, string>): string {
  return template.replace(
    /\{([+#]?)([^}]+)\}/g,
    (_, op: string, name: string) =>
      op ? values[name] ?? "" : encodeURIComponent(values[name] ?? ""),
  );
}

function ContentsView({ contents }: { contents: Contents[] }) {
  return (
    <div data-testid="resource-contents">
      {contents.map((c, i) => (
        <div key={i} class="resource-content">
          <p class="muted">
            <code>{c.uri}</code> {c.mimeType}
          </p>
          {c.text !== undefined && (c.mimeType?.includes("json")
            ? <Json value={tryJson(c.text)} />
            : <pre class="text">{c.text}</pre>)}
          {c.blob !== undefined && c.mimeType?.startsWith("image/") && (
            <img
              class="image"
              data-testid="resource-image"
              alt={c.uri}
              src={dataUrl(c.mimeType, c.blob)}
            />
          )}
          {c.blob !== undefined && (
            <a
              class="download"
              download={c.uri.split("/").pop() || "resource"}
              href={dataUrl(c.mimeType, c.blob)}
            >
              download ({Math.floor(c.blob.length * 3 / 4)} bytes)
            </a>
          )}
        </div>
      ))}
    </div>
  );
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The Resources tab of one server. */
export function ResourcesPanel(
  { server, version, updates, replay, onCall }: {
    server: string;
    version: number;
    updates: Record<string, number>;
    replay?: Call;
    onCall: (c: Call) => void;
  },
): JSX.Element {
  const [resources, setResources] = useState<Resource[]>([]);
  const [templates, setTemplates] = useState<Template[]>([]);
  const [template, setTemplate] = useState<Template>();
  const [values, setValues] = useState<Record<string, string>>({});
  const [read, setRead] = useState<{ call: Call; contents?: Contents[]; error?: string }>();
  const [subscribed, setSubscribed] = useState<Set<string>>(new Set());

  useEffect(() => {
    getJson<{ resources: Resource[] }>(serverPath(server, "/resources")).then(
      (r) => setResources(r.resources),
      () => setResources([]),
    );
    getJson<{ resourceTemplates: Template[] }>(serverPath(server, "/resource-templates")).then(
      (r) => setTemplates(r.resourceTemplates),
      () => setTemplates([]),
    );
  }, [server, version]);

  const readUri = async (uri: string) => {
    const call: Call = {
      id: crypto.randomUUID(),
      server,
      kind: "resource",
      name: uri,
      args: {},
      at: Date.now(),
    };
    const started = performance.now();
    try {
      const r = await getJson<{ contents: Contents[] }>(
        serverPath(server, `/resources/read?uri=${encodeURIComponent(uri)}`),
      );
      call.ok = true;
      call.ms = Math.round(performance.now() - started);
      setRead({ call, contents: r.contents });
    } catch (e) {
      call.ok = false;
      call.ms = Math.round(performance.now() - started);
      setRead({ call, error: (e as Error).message });
    }
    onCall(call);
  };

  useEffect(() => {
    if (replay) void readUri(replay.name);
  }, [replay]);
  const current = read?.call.name;
  const updateCount = current ? updates[current] ?? 0 : 0;
  useEffect(() => {
    if (current && subscribed.has(current) && updateCount > 0) {
      getJson<{ contents: Contents[] }>(
        serverPath(server, `/resources/read?uri=${encodeURIComponent(current)}`),
      )
        .then((r) => setRead((prev) => prev && { ...prev, contents: r.contents }), () => {});
    }
  }, [updateCount]);

  const toggleSubscription = async (uri: string) => {
    const on = !subscribed.has(uri);
    const response = await request(
      `/playground/servers/${encodeURIComponent(server)}/subscriptions?uri=${
        encodeURIComponent(uri)
      }`,
      { method: on ? "POST" : "DELETE" },
    ).catch(() => undefined);
    if (!response?.ok) return;
    const next = new Set(subscribed);
    if (on) next.add(uri);
    else next.delete(uri);
    setSubscribed(next);
  };

  return (
    <div class="split">
      <ul class="list" data-testid="resource-list">
        {resources.map((r) => (
          <li key={r.uri}>
            <button
              type="button"
              class={current === r.uri ? "item active" : "item"}
              data-testid={`resource-${r.uri}`}
              onClick={() => (setTemplate(undefined), readUri(r.uri))}
            >
              <strong>{r.title ?? r.name}</strong>
              <small>{r.uri}</small>
            </button>
          </li>
        ))}
        {templates.length > 0 && <li class="heading">Templates</li>}
        {templates.map((t) => (
          <li key={t.uriTemplate}>
            <button
              type="button"
              class={template === t ? "item active" : "item"}
              data-testid={`template-${t.uriTemplate}`}
              onClick={() => (setTemplate(t), setValues({}), setRead(undefined))}
            >
              <strong>{t.title ?? t.name}</strong>
              <small>{t.uriTemplate}</small>
            </button>
          </li>
        ))}
      </ul>
      <div class="detail">
        {template && (
          <form
            data-testid="template-form"
            onSubmit={(e) => (e.preventDefault(), readUri(expand(template.uriTemplate, values)))}
          >
            <h2>{template.title ?? template.name}</h2>
            <code>{template.uriTemplate}</code>
            {variables(template.uriTemplate).map((v) => (
              <label class="field" key={v}>
                <span class="label">{v}</span>
                <CompletionInput
                  server={server}
                  refValue={{ type: "ref/resource", uri: template.uriTemplate }}
                  name={v}
                  value={values[v] ?? ""}
                  context={values}
                  required
                  onChange={(x) => setValues({ ...values, [v]: x })}
                />
              </label>
            ))}
            <button type="submit" class="primary">Read</button>
          </form>
        )}
        {!template && !read && <p class="muted">Pick a resource or a template.</p>}
        {read && (
          <section class="run">
            <div class="row">
              <code>{read.call.name}</code>
              <button
                type="button"
                class="small"
                data-testid="subscribe"
                onClick={() => toggleSubscription(read.call.name)}
              >
                {subscribed.has(read.call.name) ? "unsubscribe" : "subscribe"}
              </button>
              {updateCount > 0 && (
                <span class="badge" data-testid="updates">{updateCount} updates</span>
              )}
            </div>
            {read.error && <p class="error">{read.error}</p>}
            {read.contents && <ContentsView contents={read.contents} />}
            <div class="timing">
              {read.call.ms} ms <CallActions call={read.call} />
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
