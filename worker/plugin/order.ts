import { BootErrorCode, PluginBootError } from './boot-error';
import type { AnyPluginManifest } from './types';

/**
 * Orders plugins so each comes after the plugins it `requires`, keeping the given order otherwise.
 * Throws `PLUGIN_MISSING_DEPENDENCY` or `PLUGIN_DEPENDENCY_CYCLE`.
 */
export function orderPlugins<M extends AnyPluginManifest>(manifests: readonly M[]): M[] {
  const byId = new Map(manifests.map((m) => [m.id, m]));
  for (const m of manifests) {
    for (const dep of m.requires ?? []) {
      if (!byId.has(dep)) {
        throw new PluginBootError(BootErrorCode.MISSING_DEPENDENCY, `plugin "${m.id}" requires "${dep}", which is not installed`, m.id);
      }
    }
  }
  const ordered: M[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (m: M, path: string[]) => {
    const seen = state.get(m.id);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const cycle = [...path.slice(path.indexOf(m.id)), m.id].join(' -> ');
      throw new PluginBootError(BootErrorCode.DEPENDENCY_CYCLE, `plugins depend on each other in a cycle: ${cycle}`, m.id);
    }
    state.set(m.id, 'visiting');
    for (const dep of m.requires ?? []) visit(byId.get(dep)!, [...path, m.id]);
    state.set(m.id, 'done');
    ordered.push(m);
  };
  for (const m of manifests) visit(m, []);
  return ordered;
}
