// "Copy as TypeScript" for tool calls: with no dialog, with an elicitation, with a sampling request
// (the other kinds are in snippets-more.test.ts; the suite is in _snippets.ts).
import { call, snippetTests } from "./_snippets.ts";

snippetTests("copy as TypeScript: tool calls", [
  ["a tool call", call({ kind: "tool", name: "add", args: { a: 2, b: 3 } }), /"sum": 5/],
  [
    "a tool call that asked an elicitation",
    call({
      kind: "tool",
      name: "ask_name",
      answers: [{ kind: "elicitation", body: { action: "accept", content: { name: "Ada" } } }],
    }),
    /Hello, Ada!/,
  ],
  [
    "a tool call that asked for sampling",
    call({
      kind: "tool",
      name: "summarize",
      args: { text: "a long text" },
      answers: [{ kind: "sampling", body: { action: "accept", text: "short" } }],
    }),
    /Summary \(playground\): short/,
  ],
]);
