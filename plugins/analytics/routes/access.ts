/** Who may read analytics, over REST and as assistant tools: a viewer, or an API key with `analytics:read`. */
export const READ = { tenantRole: 'viewer', scopes: ['analytics:read'] } as const;
