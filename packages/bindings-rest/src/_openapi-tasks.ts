// The task routes of the OpenAPI document (tool calls run as MCP tasks, as jobs), with their
// schemas, parameters and the 202 answer a call started as a task gives.
import { errors, param, ref, SERVER_READ } from "./_openapi-ops.ts";
import { ok } from "./_openapi-static.ts";

type Doc = Record<string, unknown>;

const str: Doc = { type: "string" };
const TASK_READ = [400, ...SERVER_READ];

/** The schemas of tasks. */
export const TASK_SCHEMAS: Doc = {
  Task: {
    type: "object",
    description: "An MCP task: a tool call the server runs as a job",
    required: ["taskId", "server", "status", "createdAt", "lastUpdatedAt", "ttl"],
    properties: {
      taskId: str,
      server: str,
      tool: { type: "string", description: "the tool, when this binding started the task" },
      status: {
        type: "string",
        enum: ["working", "input_required", "completed", "failed", "cancelled"],
      },
      statusMessage: str,
      createdAt: { type: "string", description: "ISO 8601" },
      lastUpdatedAt: { type: "string", description: "ISO 8601" },
      ttl: {
        anyOf: [{ type: "integer" }, { type: "null" }],
        description: "milliseconds the server keeps the task after it ends; null: no limit",
      },
      pollInterval: { type: "integer", description: "milliseconds between polls it suggests" },
    },
  },
  TaskList: {
    type: "object",
    required: ["tasks"],
    properties: { tasks: { type: "array", items: ref("Task") } },
  },
};

const location: Doc = {
  description: "The task's status: `/v1/servers/{server}/tasks/{task}`",
  schema: str,
};

/** The parameters, headers and responses the task routes and task-capable calls share. */
export const TASK_COMPONENTS: { parameters: Doc; responses: Doc } = {
  parameters: {
    mode: {
      name: "mode",
      in: "query",
      required: false,
      description: "`task`: run the call as an MCP task (a job) and answer 202 at once; " +
        "a tool that cannot is a 400 `task_not_supported`",
      schema: { type: "string", enum: ["task"] },
    },
    prefer: {
      name: "Prefer",
      in: "header",
      required: false,
      description: "`respond-async`: like `mode=task` when the tool can run as a task, " +
        "else ignored (RFC 7240); the answer then says `Preference-Applied: respond-async`",
      schema: str,
    },
    wait: {
      name: "Prefer",
      in: "header",
      required: false,
      description: "`wait=N`: wait up to N seconds (at most the call timeout of the app) for " +
        "the task to end before answering 202",
      schema: str,
    },
    task: {
      name: "task",
      in: "path",
      required: true,
      description: "A task's id, as the 202 answer or `GET /v1/servers/{server}/tasks` gave it",
      schema: str,
    },
  },
  responses: {
    TaskAccepted: {
      description: "The call runs as a task: poll `Location`, then `GET {Location}/result`",
      headers: {
        "X-Request-Id": { $ref: "#/components/headers/RequestId" },
        Location: location,
        "Preference-Applied": { description: "`respond-async` when Prefer asked", schema: str },
      },
      content: { "application/json": { schema: ref("Task") } },
    },
  },
};

/** The task routes. */
export function taskPaths(base: string, server: Doc, secured: boolean): Doc {
  const task = param("task");
  const timeout = param("timeout");
  const tasks = `${base}/servers/{server}/tasks`;
  const op = (id: string, summary: string, description: string, more: Doc): Doc => ({
    operationId: id,
    tags: ["tasks"],
    summary,
    description,
    ...more,
  });
  return {
    [tasks]: {
      get: op(
        "listTasks",
        "List a server's tasks",
        "The tasks the server keeps (empty when it runs none).",
        {
          parameters: [server, timeout],
          responses: { ...ok("The tasks", ref("TaskList")), ...errors(secured, TASK_READ) },
        },
      ),
    },
    [`${tasks}/{task}`]: {
      get: op("getTask", "A task's status", "The task's status, as the server reports it now.", {
        parameters: [server, task, timeout],
        responses: { ...ok("The task", ref("Task")), ...errors(secured, TASK_READ) },
      }),
      delete: op(
        "cancelTask",
        "Cancel a task",
        "Asks the server to cancel the task; a task that has ended is left as it is. " +
          "Answers its status afterwards.",
        {
          parameters: [server, task, timeout],
          responses: { ...ok("The task", ref("Task")), ...errors(secured, TASK_READ) },
        },
      ),
    },
    [`${tasks}/{task}/result`]: {
      get: op(
        "getTaskResult",
        "A task's result",
        "Once the task has ended: the same answer as the synchronous call (a tool error is " +
          "`isError`, status 200). Before: 202 with the task and `Retry-After` (`Prefer: wait=N` " +
          "waits up to N seconds first). A cancelled task has no result: 409 `task_cancelled`.",
        {
          parameters: [server, task, param("view"), param("wait"), timeout],
          responses: {
            "200": {
              description: "The tool's result (with ?view=data, only its data)",
              headers: {
                "X-Request-Id": { $ref: "#/components/headers/RequestId" },
                "MCP-Tool-Error": { $ref: "#/components/headers/ToolError" },
              },
              content: {
                "application/json": {
                  schema: { anyOf: [ref("ToolResult"), { description: "the result's data" }] },
                },
              },
            },
            "202": {
              description: "The task has not ended yet",
              headers: {
                "X-Request-Id": { $ref: "#/components/headers/RequestId" },
                Location: location,
                "Retry-After": {
                  description: "Seconds before asking again (the server's poll interval)",
                  schema: { type: "integer", minimum: 1 },
                },
              },
              content: { "application/json": { schema: ref("Task") } },
            },
            ...errors(secured, [...TASK_READ, 409]),
          },
        },
      ),
    },
  };
}
