// The schemas of the MCP objects the document describes: content blocks, tools and their results,
// resources, prompts and completion (as the binding passes them through from the servers).
type Doc = Record<string, unknown>;

const ref = (name: string): Doc => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: Doc): Doc => ({ anyOf: [schema, { type: "null" }] });
const str: Doc = { type: "string" };
const obj: Doc = { type: "object" };

const CONTENT_BLOCK: Doc = {
  type: "object",
  description: "An MCP content block, passed through unchanged",
  required: ["type"],
  properties: {
    type: { type: "string", enum: ["text", "image", "audio", "resource_link", "resource"] },
    text: str,
    data: { type: "string", description: "base64" },
    mimeType: str,
    uri: str,
    name: str,
    resource: ref("ResourceContents"),
    annotations: obj,
    _meta: obj,
  },
};

const TOOL: Doc = {
  type: "object",
  required: ["name", "inputSchema"],
  properties: {
    name: str,
    title: str,
    description: str,
    inputSchema: obj,
    outputSchema: obj,
    annotations: obj,
    _meta: obj,
  },
};

/** The schemas of MCP's own objects. */
export const MCP_SCHEMAS: Doc = {
  ContentBlock: CONTENT_BLOCK,
  ToolResult: {
    type: "object",
    description: "A tool's result. With isError, structuredContent and data are null.",
    required: ["content", "structuredContent", "data", "isError"],
    properties: {
      content: { type: "array", items: ref("ContentBlock") },
      structuredContent: nullable(obj),
      data: { description: "the structured result, or the parsed text, or null" },
      isError: { type: "boolean" },
    },
  },
  Tool: TOOL,
  ToolList: {
    type: "object",
    required: ["tools"],
    properties: { tools: { type: "array", items: ref("Tool") } },
  },
  ServerTool: {
    allOf: [ref("Tool"), { type: "object", required: ["server"], properties: { server: str } }],
  },
  ServerToolList: {
    type: "object",
    required: ["tools"],
    properties: { tools: { type: "array", items: ref("ServerTool") } },
  },
  Resource: {
    type: "object",
    required: ["uri", "name"],
    properties: {
      uri: str,
      name: str,
      title: str,
      description: str,
      mimeType: str,
      size: { type: "integer" },
      annotations: obj,
      _meta: obj,
    },
  },
  ResourceList: {
    type: "object",
    required: ["resources"],
    properties: { resources: { type: "array", items: ref("Resource") } },
  },
  ResourceTemplate: {
    type: "object",
    required: ["uriTemplate", "name"],
    properties: {
      uriTemplate: str,
      name: str,
      title: str,
      description: str,
      mimeType: str,
      annotations: obj,
      _meta: obj,
    },
  },
  ResourceTemplateList: {
    type: "object",
    required: ["resourceTemplates"],
    properties: { resourceTemplates: { type: "array", items: ref("ResourceTemplate") } },
  },
  ResourceContents: {
    type: "object",
    required: ["uri"],
    properties: {
      uri: str,
      mimeType: str,
      text: str,
      blob: { type: "string", description: "base64" },
      _meta: obj,
    },
  },
  ReadResourceResult: {
    type: "object",
    required: ["contents"],
    properties: { contents: { type: "array", items: ref("ResourceContents") } },
  },
  Prompt: {
    type: "object",
    required: ["name"],
    properties: {
      name: str,
      title: str,
      description: str,
      arguments: {
        type: "array",
        items: {
          type: "object",
          required: ["name"],
          properties: { name: str, title: str, description: str, required: { type: "boolean" } },
        },
      },
      _meta: obj,
    },
  },
  PromptList: {
    type: "object",
    required: ["prompts"],
    properties: { prompts: { type: "array", items: ref("Prompt") } },
  },
  PromptArguments: {
    type: "object",
    description: "The prompt's arguments; values that are not strings are sent as JSON text",
    additionalProperties: true,
  },
  GetPromptResult: {
    type: "object",
    required: ["messages"],
    properties: {
      description: str,
      messages: {
        type: "array",
        items: {
          type: "object",
          required: ["role", "content"],
          properties: {
            role: { type: "string", enum: ["user", "assistant"] },
            content: ref("ContentBlock"),
          },
        },
      },
      _meta: obj,
    },
  },
  CompleteRequest: {
    type: "object",
    required: ["ref", "argument"],
    properties: {
      ref: {
        type: "object",
        required: ["type"],
        description: "{ type: 'ref/prompt', name } or { type: 'ref/resource', uri }",
        properties: {
          type: { type: "string", enum: ["ref/prompt", "ref/resource"] },
          name: str,
          uri: str,
        },
      },
      argument: {
        type: "object",
        required: ["name", "value"],
        properties: { name: str, value: str },
      },
      context: {
        type: "object",
        properties: { arguments: { type: "object", additionalProperties: { type: "string" } } },
      },
    },
  },
  CompleteResult: {
    type: "object",
    required: ["completion"],
    properties: {
      completion: {
        type: "object",
        required: ["values"],
        properties: {
          values: { type: "array", items: str },
          total: { type: "integer" },
          hasMore: { type: "boolean" },
        },
      },
    },
  },
};
