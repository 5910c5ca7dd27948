// Test helpers for assistant tools (not a test file itself): a tool is called the way the chat host
// calls it (input parsed by its schema, a ChatToolContext of the caller), minus the host's role,
// scope and time checks, which the chat plugin's own tests cover.
import type { ChatToolContext, ChatToolDefinition, ChatToolResult, Database, Principal, TenantRole } from 'atoll/plugin';
import type { SignedUp } from '../../../test/worker/identity';
import type { AtollApp } from '../../../worker/app';
import { openDatabase } from '../../../worker/db/connect';
import { createLogger } from '../../../worker/logger';

/** Who calls a tool: the tenant they act in, their principal and their role there. */
export interface ToolCaller {
  readonly tenantId: string;
  readonly principal: Principal;
  readonly role: TenantRole;
}

/** A signed-in user (seeded or signed up) calling with `role` in `tenantId`. */
export const userCaller = (user: Pick<SignedUp, 'userId' | 'email'>, tenantId: string, role: TenantRole): ToolCaller => ({
  tenantId,
  role,
  principal: { kind: 'user', userId: user.userId, email: user.email, platformAdmin: false, via: 'token' },
});

/** An API key of `tenantId` (MCP) with `scopes`, acting with `role`. */
export const keyCaller = (keyId: string, tenantId: string, scopes: readonly string[], role: TenantRole = 'member'): ToolCaller => ({
  tenantId,
  role,
  principal: { kind: 'api_key', keyId, tenantId, scopes, role },
});

/** The registered tool `name` of the booted app (throws when no plugin contributes it). */
export function toolOf(atoll: AtollApp, name: string): ChatToolDefinition {
  const entry = atoll.registry.chatTools.get(name);
  if (!entry) throw new Error(`no chat tool named ${name}; registered: ${[...atoll.registry.chatTools.keys()].join(', ')}`);
  return entry.definition;
}

/** The context the host gives tool `name` for `caller`, on `db`. */
export function toolContext(atoll: AtollApp, name: string, caller: ToolCaller, db: Database, signal = new AbortController().signal): ChatToolContext {
  const entry = atoll.registry.chatTools.get(name);
  if (!entry) throw new Error(`no chat tool named ${name}`);
  return { plugin: entry.context, db, logger: createLogger('error'), tenantId: caller.tenantId, principal: caller.principal, role: caller.role, signal };
}

/**
 * Parses `input` with tool `name`'s schema (a ZodError for bad input, as the host would refuse it)
 * and runs the tool as `caller` on a database pool of its own, closed afterwards.
 *
 * @example
 * const result = await runToolDirect(atoll, 'datasets_list', {}, userCaller(t.viewer, t.tenant.id, 'viewer'));
 */
export async function runToolDirect(atoll: AtollApp, name: string, input: unknown, caller: ToolCaller): Promise<ChatToolResult> {
  const definition = toolOf(atoll, name);
  const parsed = definition.input.parse(input);
  const handle = openDatabase(atoll.config.database, createLogger('error'));
  try {
    return await definition.run(parsed, toolContext(atoll, name, caller, handle.db));
  } finally {
    await handle.close();
  }
}
