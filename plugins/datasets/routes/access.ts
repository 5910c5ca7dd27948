export const READ = { tenantRole: 'viewer', scopes: ['datasets:read'] } as const;
export const WRITE = { tenantRole: 'member', scopes: ['datasets:write'] } as const;
export const DELETE = { tenantRole: 'admin', scopes: ['datasets:delete'] } as const;
