import { AtollError, type ChatToolDefinition, type ChatTools, roleAtLeast, z } from 'atoll/plugin';
import type { ToolCaller } from '../refs';

export type ToolEntry = NonNullable<ReturnType<ChatTools['get']>>;

/** Who is calling: the tools they see and may run follow from it. */
export type Caller = ToolCaller;

/**
 * Why `caller` may not use `tool`, or null when they may: the tool's least role, and for an API key
 * every scope the tool declares (a writing tool without scopes is never open to keys).
 */
export function refusal(tool: ChatToolDefinition, caller: Caller): string | null {
  if (!roleAtLeast(caller.role, tool.minRole ?? 'viewer')) return `it needs the ${tool.minRole} role`;
  if (caller.principal.kind === 'api_key') {
    const scopes = tool.scopes ?? [];
    if (tool.writes && scopes.length === 0) return 'API keys cannot use it';
    const held = caller.principal.scopes;
    const missing = scopes.filter((s) => !held.includes(s));
    if (missing.length > 0) return `the API key lacks the scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
  }
  return null;
}

/**
 * The tools `caller` may use, in plugin order; `allowed` (an assistant's list) narrows them further,
 * null meaning every tool.
 */
export function usableTools(tools: ChatTools, caller: Caller, allowed: readonly string[] | null = null): ToolEntry[] {
  const only = allowed ? new Set(allowed) : null;
  return tools.list().filter((t) => (!only || only.has(t.definition.name)) && refusal(t.definition, caller) === null);
}

const schemas = new WeakMap<ChatToolDefinition, Record<string, unknown>>();

/** The tool's input as JSON Schema (what the model and MCP clients read), built once per tool. */
export function inputSchemaOf(tool: ChatToolDefinition): Record<string, unknown> {
  let schema = schemas.get(tool);
  if (!schema) {
    const { $schema: _, ...rest } = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    schema = rest;
    schemas.set(tool, schema);
  }
  return schema;
}

/** The tool definitions sent to the model, in the Messages API's shape. */
export const modelTools = (entries: readonly ToolEntry[]) => entries.map(({ definition }) => ({ name: definition.name, description: definition.description, input_schema: inputSchemaOf(definition) }));

/** A thrown value as the text a model or API caller may read: our own errors' messages, nothing else. */
export function toolErrorText(error: unknown): string {
  if (error instanceof AtollError && !SERVER_SIDE.has(error.kind)) {
    const fields = (error.errors ?? []).map((e) => `${e.path}: ${e.message}`);
    return [`${error.code}: ${error.message}`, ...fields].join('\n');
  }
  return 'The tool failed with an internal error (logged).';
}

const SERVER_SIDE = new Set(['internal', 'bad_gateway', 'unavailable']);
