// The offline docs page: plain HTML and a small script, no CDN. Everything from the document is
// inserted with textContent, never as HTML.
const SCRIPT = `
const main = document.querySelector("main");
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
async function load() {
  const res = await fetch("openapi.json", { credentials: "same-origin" });
  if (!res.ok) { main.append(el("p", "Could not load openapi.json: " + res.status)); return; }
  const doc = await res.json();
  document.title = doc.info.title;
  main.append(el("h1", doc.info.title + " " + doc.info.version));
  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = (op.tags && op.tags[0]) || "API";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ path, method, op });
    }
  }
  for (const [tag, ops] of byTag) {
    const section = el("section"); section.append(el("h2", tag));
    for (const { path, method, op } of ops) section.append(operation(doc, path, method, op));
    main.append(section);
  }
}
function resolve(doc, schema) {
  const ref = schema && schema.$ref;
  return ref ? ref.split("/").slice(1).reduce((n, k) => n && n[decodeURIComponent(k)], doc) : schema;
}
function operation(doc, path, method, op) {
  const box = el("details"); const sum = el("summary");
  sum.append(el("code", method.toUpperCase(), "m"), " ", el("code", path), " ", el("span", op.summary || ""));
  box.append(sum);
  if (op.description) box.append(el("p", op.description));
  const body = op.requestBody && resolve(doc, op.requestBody.content["application/json"].schema);
  if (body) box.append(el("h4", "Request body schema"), el("pre", JSON.stringify(body, null, 2)));
  if (op["x-mcp-tool"]) {
    const input = el("textarea"); input.value = "{}"; input.rows = 6;
    const out = el("pre"); const send = el("button", "Send");
    send.onclick = async () => {
      out.textContent = "…";
      const res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: input.value, credentials: "same-origin" });
      out.textContent = res.status + "\\n" + JSON.stringify(await res.json().catch(() => null), null, 2);
    };
    box.append(el("h4", "Try it"), input, send, out);
  }
  return box;
}
load();
`;

const STYLE = `body{font:15px system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}
details{border:1px solid #ccc;border-radius:6px;margin:.4rem 0;padding:.4rem .8rem}
summary{cursor:pointer}code.m{font-weight:bold;color:#064}pre{background:#f6f6f6;padding:.6rem;overflow:auto}
textarea{width:100%;font-family:monospace}`;

/** The docs page, with a per-response nonce for its inline script and style. */
export function docsPage(nonce: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API docs</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style nonce="${nonce}">${STYLE}</style></head>
<body><main></main><script nonce="${nonce}">${SCRIPT}</script></body></html>`;
}

/** The security headers of the docs page. */
export function docsHeaders(nonce: string): Record<string, string> {
  return {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy":
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'`,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
  };
}
