// "Copy as TypeScript" for a resource, a prompt and a server of the config file (tool calls are in
// snippets.test.ts; the suite is in _snippets.ts).
import { call, snippetTests } from "./_snippets.ts";

snippetTests("copy as TypeScript: resources, prompts, config servers", [
  ["a resource read", call({ kind: "resource", name: "demo://readme" }), /# mcpwire demo/],
  ["a prompt", call({ kind: "prompt", name: "greeting", args: { name: "Ada" } }), /for Ada/],
  [
    "a call to a server of the config file",
    call({ server: "files", kind: "tool", name: "add", args: { a: 1, b: 1 } }),
    /"sum": 2/,
  ],
]);
