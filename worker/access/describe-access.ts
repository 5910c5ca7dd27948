import type { RouteAccess } from './types';

/**
 * Who may call a route, in words, for its OpenAPI description: the security schemes say which
 * credentials are accepted, not which role, scope or kind of caller the route needs.
 *
 * @example
 * describeAccess({ tenantRole: 'member', scopes: ['projects:write'] });
 * // 'Access: Needs the member role or higher in the tenant named by `x-tenant-id` (…). API keys need the scope `projects:write`.'
 */
export function describeAccess(access: RouteAccess): string {
  if (access === 'public') return 'Access: Public, no credentials needed.';
  const sentences: string[] = [];
  if (access.tenantRole) {
    sentences.push(`Needs the ${access.tenantRole} role or higher in the tenant named by \`x-tenant-id\` (an API key acts in its own tenant, within its role ceiling)`);
  }
  if (access.apiKeysOnly) sentences.push('Users are refused');
  else if (access.platformAdmin) sentences.push('Users must be platform administrators');
  else if (!access.tenantRole) sentences.push('Any signed-in user');
  const scopes = access.scopes ?? [];
  sentences.push(scopes.length ? `API keys need the scope${scopes.length > 1 ? 's' : ''} ${scopes.map((s) => `\`${s}\``).join(', ')}` : 'API keys are refused');
  return `Access: ${sentences.join('. ')}.`;
}

/** A route's own description (if any), then its access sentence. */
export const describeOperation = (own: string | undefined, access: RouteAccess) => (own ? `${own}\n\n${describeAccess(access)}` : describeAccess(access));
