// Answers a server's elicitation and sampling requests by asking the person at the terminal.
import type { ClientOptions, JsonSchema } from "@mcpwire/core";
import process from "node:process";
import { createInterface, type Interface } from "node:readline";

type Property = {
  type?: string;
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
};

function convert(raw: string, prop: Property): unknown {
  if (prop.type === "boolean") return /^(y|yes|true|1)$/i.test(raw);
  if (prop.type === "number" || prop.type === "integer") {
    const n = Number(raw);
    if (Number.isNaN(n)) throw new Error(`'${raw}' is not a number`);
    return n;
  }
  return raw;
}

/** Handlers that ask on stderr/stdin, and the function that releases the terminal. */
export function terminalHandlers(): {
  handlers: Pick<ClientOptions, "elicitationHandler" | "samplingHandler">;
  close(): void;
} {
  // Lines are queued as they arrive: piped answers can come before their question is asked.
  let rl: Interface | undefined;
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let ended = false;
  const open = () => {
    rl = createInterface({ input: process.stdin, terminal: false });
    rl.on("line", (line) => waiting.length ? waiting.shift()!(line) : lines.push(line));
    rl.on("close", () => {
      ended = true;
      for (const resolve of waiting.splice(0)) resolve("");
    });
  };
  const ask = (question: string): Promise<string> => {
    process.stderr.write(question);
    if (!rl) open();
    if (lines.length > 0) return Promise.resolve(lines.shift()!);
    if (ended) return Promise.resolve("");
    return new Promise((resolve) => waiting.push(resolve));
  };
  return {
    handlers: {
      elicitationHandler: async (message, schema: JsonSchema | undefined) => {
        process.stderr.write(`\n${message}\n(type !decline or !cancel to refuse)\n`);
        const props = (schema?.properties ?? {}) as Record<string, Property>;
        const required = new Set((schema?.required ?? []) as string[]);
        const content: Record<string, unknown> = {};
        for (const [key, prop] of Object.entries(props)) {
          const hint = prop.type === "boolean"
            ? " (y/N)"
            : prop.enum
            ? ` (${prop.enum.join("/")})`
            : "";
          const label = `${prop.title ?? key}${required.has(key) ? "*" : ""}${hint}: `;
          const raw = (await ask(label)).trim();
          if (raw === "!decline") return { action: "decline" };
          if (raw === "!cancel") return { action: "cancel" };
          if (raw !== "") content[key] = convert(raw, prop);
        }
        return { action: "accept", content };
      },
      samplingHandler: async (messages, params) => {
        process.stderr.write("\nThe server asks for a model reply (sampling):\n");
        if (params.systemPrompt) process.stderr.write(`system: ${params.systemPrompt}\n`);
        for (const m of messages) {
          const blocks = [m.content].flat() as { type: string; text?: string }[];
          process.stderr.write(
            `${m.role}: ${blocks.map((b) => b.text ?? `[${b.type}]`).join(" ")}\n`,
          );
        }
        const reply = (await ask("your reply (empty to decline): ")).trim();
        if (reply === "") throw new Error("the person declined the sampling request");
        return reply;
      },
    },
    close: () => rl?.close(),
  };
}
