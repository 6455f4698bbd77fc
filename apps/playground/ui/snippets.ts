// "Copy as curl" (REST binding) and "copy as TypeScript" (@mcpwire/core) for a call. The
// TypeScript runs as copied: public packages only, the server reached the way the playground
// reaches it, and the dialogs the call went through answered the way the person answered them.

/** A sampling or elicitation answer given in the page during a call. */
export interface Answer {
  kind: "sampling" | "elicitation";
  /** What the page sent: `{ action, content }` or `{ action, text, model }`. */
  body: Record<string, unknown>;
}

/** A call the history keeps. */
export interface Call {
  id: string;
  server: string;
  kind: "tool" | "prompt" | "resource";
  name: string;
  args: Record<string, unknown>;
  at: number;
  ms?: number;
  ok?: boolean;
  /** The dialogs answered during the call, in order. */
  answers?: Answer[];
}

/** How the playground reaches its servers, for snippets (the `hello` event's `snippets`). */
export interface SnippetSources {
  /** The demo server as a stdio command (the playground's own `mcpwire demo-server`). */
  demo?: { command: string; args: string[] };
  /** The absolute path of the config the playground was started with, if any. */
  configPath?: string;
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
const seg = (s: string) => encodeURIComponent(s);
const js = (value: unknown) => JSON.stringify(value, null, 2);

/** The curl command doing this call through the REST binding. */
export function asCurl(call: Call, origin: string): string {
  const base = `${origin}/v1/servers/${seg(call.server)}`;
  if (call.kind === "resource") {
    return `curl ${quote(`${base}/resources/read?uri=${encodeURIComponent(call.name)}`)}`;
  }
  const path = call.kind === "tool" ? `tools/${seg(call.name)}` : `prompts/${seg(call.name)}`;
  return `curl -X POST ${
    quote(`${base}/${path}`)
  } \\\n  -H 'content-type: application/json' \\\n  -d ${quote(JSON.stringify(call.args))}`;
}

function sourceOf(call: Call, sources: SnippetSources): [imports: string, code: string] {
  const name = JSON.stringify(call.server);
  if (call.server === "demo" && sources.demo) {
    return [
      "",
      `// The playground's demo server over stdio (the mcpwire CLI of this checkout).\n` +
      `const source = { mcpServers: { demo: ${JSON.stringify(sources.demo)} } };`,
    ];
  }
  const path = sources.configPath ?? "mcp.json";
  return [
    `import { loadConfig } from "@mcpwire/config";\n`,
    (sources.configPath
      ? ""
      : "// The playground got its config in code: point this at your config file.\n") +
    `const config = await loadConfig(${JSON.stringify(path)});\n` +
    `const source = { mcpServers: { ${name}: config.mcpServers[${name}] } };`,
  ];
}

function handlersOf(answers: Answer[]): string {
  const lines: string[] = [];
  const elicitations = answers.filter((a) => a.kind === "elicitation").map((a) => a.body);
  const samplings = answers.filter((a) => a.kind === "sampling").map((a) => a.body);
  if (elicitations.length > 0) {
    const results = elicitations.map((b) =>
      b.action === "accept" ? { action: "accept", content: b.content ?? {} } : { action: b.action }
    );
    lines.push(
      `  // The answers given in the playground, in order (replace with your own UI).`,
      `  elicitationHandler: (() => {`,
      `    const answers = ${js(results).replaceAll("\n", "\n    ")};`,
      `    return async () => answers.shift() ?? { action: "cancel" as const };`,
      `  })(),`,
    );
  }
  if (samplings.length > 0) {
    const replies = samplings.map((b) =>
      b.action === "accept"
        ? { model: String(b.model || "playground"), text: String(b.text ?? "") }
        : null
    );
    lines.push(
      `  // The replies written in the playground, in order (call your model here).`,
      `  samplingHandler: (() => {`,
      `    const replies: ({ model: string; text: string } | null)[] = ${
        js(replies).replaceAll("\n", "\n    ")
      };`,
      `    return async () => {`,
      `      const reply = replies.shift();`,
      `      if (!reply) throw new Error("declined");`,
      `      return { role: "assistant" as const, model: reply.model, content: { type: "text" as const, text: reply.text } };`,
      `    };`,
      `  })(),`,
    );
  }
  return lines.length ? `, {\n${lines.join("\n")}\n}` : "";
}

/**
 * A TypeScript program doing this call with @mcpwire/core; run it with `npx tsx snippet.ts`
 * (in this repository, where the packages are not built: `node --conditions=@mcpwire/source
 * --import tsx snippet.ts`).
 */
export function asTypeScript(call: Call, sources: SnippetSources = {}): string {
  const [imports, source] = sourceOf(call, sources);
  const args = js(call.args);
  const op = call.kind === "tool"
    ? `await client.callTool(${JSON.stringify(call.name)}, ${args}, { raiseOnError: false })`
    : call.kind === "prompt"
    ? `await client.getPrompt(${JSON.stringify(call.name)}, ${args})`
    : `await client.readResource(${JSON.stringify(call.name)})`;
  return `import { Client } from "@mcpwire/core";\n${imports}\n${source}\n\n` +
    `await using client = await new Client(source${handlersOf(call.answers ?? [])}).connect();\n` +
    `const result = ${op};\nconsole.log(JSON.stringify(result, null, 2));\n`;
}
