/**
 * The shape checks of the engine's results (tools/call has its own, `_check-tool-result.ts`):
 * each result is an object, and the member its method is about has the right kind.
 */
import { isObject } from "./_is-object.ts";
import { LocalError } from "./_rpc-errors.ts";

/** The member each method's result must carry, and whether it is a list or an object. */
const MEMBERS: Record<string, readonly [string, "array" | "object"]> = {
  "tools/list": ["tools", "array"],
  "resources/list": ["resources", "array"],
  "resources/templates/list": ["resourceTemplates", "array"],
  "prompts/list": ["prompts", "array"],
  "resources/read": ["contents", "array"],
  "prompts/get": ["messages", "array"],
  "completion/complete": ["completion", "object"],
  "initialize": ["capabilities", "object"],
};

/**
 * Checks a raw result of `method` and returns it as an object.
 *
 * @throws {LocalError} `INVALID_RESULT` naming the method and the problem
 */
export function checkResult(method: string, raw: unknown): Record<string, unknown> {
  if (!isObject(raw)) throw invalid(method, "expected an object");
  const member = MEMBERS[method];
  if (member) {
    const [key, kind] = member;
    const value = raw[key];
    const ok = kind === "array" ? Array.isArray(value) : isObject(value);
    if (!ok) {
      throw invalid(method, `${key}: expected ${kind === "array" ? "an array" : "an object"}`);
    }
  }
  if (raw.nextCursor !== undefined && typeof raw.nextCursor !== "string") {
    throw invalid(method, "nextCursor: expected a string");
  }
  return raw;
}

function invalid(method: string, problem: string): LocalError {
  return new LocalError("INVALID_RESULT", `Invalid result for ${method}: ${problem}`);
}
