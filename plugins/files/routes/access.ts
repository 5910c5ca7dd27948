/** Viewers read, members write, admins delete; API keys need the matching scope. */
export const READ = { tenantRole: 'viewer', scopes: ['files:read'] } as const;
export const WRITE = { tenantRole: 'member', scopes: ['files:write'] } as const;
export const DELETE = { tenantRole: 'admin', scopes: ['files:delete'] } as const;
