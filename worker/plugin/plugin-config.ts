import { BootErrorCode, PluginBootError } from './boot-error';
import type { PluginConfigSchema } from './types';

const screaming = (text: string) =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toUpperCase();

/** The variable a plugin setting is read from: plugin `cluster-admin`, key `maxDesired` → `CLUSTER_ADMIN_MAX_DESIRED`. */
export const configVariableName = (pluginId: string, key: string) => `${screaming(pluginId)}_${screaming(key)}`;

/**
 * Reads each key of the plugin's config schema from its variable and validates the result once.
 * A bad or missing setting fails boot with `PLUGIN_INVALID_CONFIG` naming the variable (never its value).
 */
export function resolvePluginConfig(pluginId: string, schema: PluginConfigSchema | undefined, env: Record<string, unknown>): unknown {
  if (!schema) return undefined;
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[configVariableName(pluginId, key)];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = issue.path[0];
    const variable = typeof key === 'string' ? configVariableName(pluginId, key) : `${screaming(pluginId)}_*`;
    return `${variable}: ${issue.message}`;
  });
  throw new PluginBootError(BootErrorCode.INVALID_CONFIG, `plugin "${pluginId}" has invalid settings: ${problems.join('; ')}`, pluginId);
}
