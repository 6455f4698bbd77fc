// Prompt and completion routes.
import type { Hono } from "hono";
import { readJsonObject } from "./_body.ts";
import { toPointer } from "./_error-map.ts";
import { connected, guarded } from "./_route-helpers.ts";
import type { Env, Settings } from "./_settings.ts";
import { ProblemError } from "./problem.ts";
import type { JsonObject } from "./upstream-client.ts";

const isObj = (v: unknown): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** What is wrong with a completion request's body, as `{ path, message }` items. */
function completeErrors(body: JsonObject): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  const need = (ok: boolean, path: string, message: string) =>
    void (ok || errors.push({ path, message }));
  const { ref, argument, context } = body;
  need(isObj(ref), "/ref", "must be an object");
  if (isObj(ref)) {
    need(
      ref.type === "ref/prompt" || ref.type === "ref/resource",
      "/ref/type",
      "must be 'ref/prompt' or 'ref/resource'",
    );
    if (ref.type === "ref/prompt") {
      need(typeof ref.name === "string", "/ref/name", "must be a string");
    }
    if (ref.type === "ref/resource") {
      need(typeof ref.uri === "string", "/ref/uri", "must be a string");
    }
  }
  need(isObj(argument), "/argument", "must be an object");
  if (isObj(argument)) {
    need(typeof argument.name === "string", "/argument/name", "must be a string");
    need(typeof argument.value === "string", "/argument/value", "must be a string");
  }
  if (context !== undefined) {
    need(isObj(context), "/context", "must be an object");
    const args = isObj(context) ? context.arguments : undefined;
    if (args !== undefined) {
      need(isObj(args), "/context/arguments", "must be an object");
      for (const [name, value] of Object.entries(isObj(args) ? args : {})) {
        need(
          typeof value === "string",
          toPointer(["context", "arguments", name]),
          "must be a string",
        );
      }
    }
  }
  return errors;
}

/** The prompt and completion routes. */
export function promptRoutes(app: Hono<Env>, s: Settings): void {
  app.get("/v1/servers/:server/prompts", async (c) => {
    const u = connected(s, c);
    return c.json({ prompts: await guarded(u, {}, () => u.prompts()) });
  });
  app.post("/v1/servers/:server/prompts/:prompt", async (c) => {
    const u = connected(s, c);
    const name = c.req.param("prompt");
    const args = await readJsonObject(c.req.raw, s);
    const prompt = await guarded(u, { prompt: name }, () => u.prompt(name));
    const missing = (prompt.arguments ?? []).filter((a) =>
      a.required && args[a.name] === undefined
    );
    if (missing.length > 0) {
      throw new ProblemError(
        "invalid_arguments",
        `prompt '${name}' needs ${missing.map((a) => `'${a.name}'`).join(", ")}`,
        {
          server: u.name,
          prompt: name,
          errors: missing.map((a) => ({ path: toPointer([a.name]), message: "is required" })),
        },
      );
    }
    return c.json(
      await guarded(u, { prompt: name }, () => u.use((cl) => cl.getPrompt(name, args))),
    );
  });
  app.post("/v1/servers/:server/complete", async (c) => {
    const u = connected(s, c);
    const body = await readJsonObject(c.req.raw, s);
    const errors = completeErrors(body);
    if (errors.length > 0) {
      throw new ProblemError(
        "invalid_arguments",
        "the body must be { ref: { type: 'ref/prompt', name } | { type: 'ref/resource', uri }, " +
          "argument: { name, value }, context?: { arguments: { [name]: string } } }",
        { server: u.name, errors },
      );
    }
    const { ref, argument, context } = body as Record<string, JsonObject | undefined>;
    const others = context?.arguments;
    const value = await guarded(u, {}, () =>
      u.use((cl) =>
        cl.complete(
          ref!,
          argument as { name: string; value: string },
          others && typeof others === "object" ? others as Record<string, string> : undefined,
        )
      ));
    const completion = value && typeof value === "object" && "completion" in value
      ? value
      : { completion: value };
    return c.json(completion);
  });
}
