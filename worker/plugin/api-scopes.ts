import type { PluginRegistry } from './registry';

/**
 * The API-key scopes in use by the installed plugins, for whoever issues keys
 * (`coreServices.apiScopes`).
 *
 * @example
 * const unknown = requested.filter((scope) => !ctx.service(coreServices.apiScopes).has(scope));
 */
export interface ApiScopes {
  /** Every scope a route (`access.scopes`), a job type or a chat tool (`scopes`) asks for, sorted. */
  list(): readonly string[];
  has(scope: string): boolean;
}

/**
 * Reads the scopes from the registry on first use: routes are collected after every plugin's
 * setup, so the list cannot be built when the service is provided.
 *
 * @example
 * const scopes = apiScopesOf(() => registry); scopes.has('projects:read');
 */
export function apiScopesOf(registry: () => PluginRegistry): ApiScopes {
  let known: Set<string> | undefined;
  const load = () => (known ??= collect(registry()));
  return {
    list: () => [...load()].sort(),
    has: (scope) => load().has(scope),
  };
}

function collect(registry: PluginRegistry): Set<string> {
  const scopes = new Set<string>();
  for (const { routes } of registry.plugins) {
    for (const { access } of routes) if (access && access !== 'public') for (const s of access.scopes ?? []) scopes.add(s);
  }
  for (const { definition } of registry.jobs.values()) for (const s of definition.scopes ?? []) scopes.add(s);
  for (const { definition } of registry.chatTools.values()) for (const s of definition.scopes ?? []) scopes.add(s);
  return scopes;
}
