// "Copy as curl" (REST binding) and "copy as TypeScript" (@mcpwire/core) for a call.

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
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
const seg = (s: string) => encodeURIComponent(s);

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

/** A TypeScript program doing this call with @mcpwire/core. */
export function asTypeScript(call: Call): string {
  const source = call.server === "demo"
    ? `import { createDemoServer } from "@mcpwire/playground";\n\nconst source = createDemoServer();`
    : `import { loadConfig } from "@mcpwire/config";\n\nconst config = await loadConfig("mcp.json");\n` +
      `const source = { mcpServers: { ${JSON.stringify(call.server)}: config.mcpServers[${
        JSON.stringify(call.server)
      }] } };`;
  const args = JSON.stringify(call.args, null, 2);
  const op = call.kind === "tool"
    ? `await client.callTool(${JSON.stringify(call.name)}, ${args})`
    : call.kind === "prompt"
    ? `await client.getPrompt(${JSON.stringify(call.name)}, ${args})`
    : `await client.readResource(${JSON.stringify(call.name)})`;
  return `import { Client } from "@mcpwire/core";\n${source}\n\n` +
    `await using client = await new Client(source).connect();\nconst result = ${op};\n` +
    `console.log(result);\n`;
}
