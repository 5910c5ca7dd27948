import type { ChatTools } from 'atoll/plugin';
import { unknownTools } from '../errors';

/**
 * Refuses tool names no installed plugin contributes (400 `CHAT_UNKNOWN_TOOL`, naming each), and
 * drops repeats. Whether the caller may use a tool is decided per run, by role and scopes.
 */
export function checkToolNames(tools: ChatTools, names: readonly string[] | null | undefined): string[] | null | undefined {
  if (!names) return names;
  const unknown = names.flatMap((name, index) => (tools.get(name) ? [] : [{ index, name }]));
  if (unknown.length > 0) throw unknownTools(unknown);
  return [...new Set(names)];
}
