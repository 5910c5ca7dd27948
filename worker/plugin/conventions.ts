import { BootErrorCode, PluginBootError } from './boot-error';
import type { AnyPluginManifest, RouteDefinition } from './types';

/** The part after `<plugin>.` of an operation id: lowerCamelCase, verb first (`listServices`). */
const VERB_NOUN = /^[a-z][a-zA-Z0-9]{0,63}$/;

/** The prefix of a plugin's chat tool names: its id in snake case and `_` (`cluster-admin` → `cluster_admin_`). */
const toolPrefix = (pluginId: string): string => `${pluginId.replace(/-/g, '_')}_`;

/**
 * Refuses queue types, job types and tool names outside the plugin's namespace: types start with
 * `<id>.`, tools with `<id in snake case>_`. Throws `PLUGIN_OUTSIDE_NAMESPACE` naming every one.
 */
export function checkNamespaces(m: AnyPluginManifest): void {
  const types = `${m.id}.`;
  const tools = toolPrefix(m.id);
  const outside = [
    ...Object.keys(m.queues ?? {})
      .filter((t) => !t.startsWith(types))
      .map((t) => `queue type "${t}" must start with "${types}"`),
    ...Object.keys(m.jobs ?? {})
      .filter((t) => !t.startsWith(types))
      .map((t) => `job type "${t}" must start with "${types}"`),
    ...(m.chatTools ?? []).filter((t) => !(t.name.startsWith(tools) && t.name.length > tools.length)).map((t) => `tool name "${t.name}" must start with "${tools}"`),
  ];
  if (outside.length > 0) {
    throw new PluginBootError(BootErrorCode.OUTSIDE_NAMESPACE, `plugin "${m.id}": ${outside.join(', ')}`, m.id);
  }
}

/**
 * Refuses a route whose OpenAPI `operationId` is missing, is not `<id>.<verbNoun>` (lowerCamelCase,
 * letters and digits), or is used twice. Throws `PLUGIN_INVALID_OPERATION_ID` naming the route.
 */
export function checkOperationIds(pluginId: string, routes: readonly RouteDefinition[]): void {
  const seen = new Set<string>();
  for (const { route } of routes) {
    const problem = operationIdProblem(pluginId, route.operationId, seen);
    if (problem) {
      const where = `${route.method.toUpperCase()} ${route.path}`;
      throw new PluginBootError(BootErrorCode.INVALID_OPERATION_ID, `plugin "${pluginId}": route ${where} ${problem}`, pluginId);
    }
    seen.add(route.operationId!);
  }
}

function operationIdProblem(pluginId: string, id: string | undefined, seen: ReadonlySet<string>): string | null {
  if (typeof id !== 'string' || id === '') return `has no operationId; name it "${pluginId}.<verbNoun>"`;
  const name = id.startsWith(`${pluginId}.`) ? id.slice(pluginId.length + 1) : null;
  if (name === null || !VERB_NOUN.test(name)) {
    return `has operationId "${id}"; it must be "${pluginId}.<verbNoun>" (lowerCamelCase letters and digits, e.g. "${pluginId}.listThings")`;
  }
  return seen.has(id) ? `repeats operationId "${id}"` : null;
}
