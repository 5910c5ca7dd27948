import type { AnyPluginManifest } from './plugin/types';

/** A Worker's plugin list: a function, so every boot gets fresh manifests (a plugin may keep state per boot). */
export type PluginList = () => readonly AnyPluginManifest[];

let composed: PluginList | undefined;

/**
 * Remembers the plugin list `createAtoll` was given. The Durable Objects that boot plugins
 * themselves (ChatSession) are instantiated by the runtime, not by the composition, so they find
 * the list here: one Worker bundle holds one composition, evaluated before any object runs.
 */
export function rememberComposition(plugins: PluginList): void {
  composed = plugins;
}

/** The plugin list of this Worker's composition; throws when no `createAtoll` call ran. */
export function composedPlugins(): readonly AnyPluginManifest[] {
  if (!composed) throw new Error('No Atoll composition in this Worker: its entry must call createAtoll({ plugins }).');
  return composed();
}
