import type { StoredAuditEntry, TenantRole } from 'atoll/plugin';
import type { ApiKeyRow, TenantRow } from '../db/schema';
import { iso } from './schemas';

export const presentTenant = (t: TenantRow & { role: TenantRole }) => ({
  id: t.id,
  slug: t.slug,
  name: t.name,
  role: t.role,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

export const presentMember = (m: { userId: string; email: string | null; name: string | null; role: TenantRole; createdAt: Date }) => ({
  userId: m.userId,
  email: m.email,
  name: m.name,
  role: m.role,
  createdAt: m.createdAt.toISOString(),
});

export const presentApiKey = (k: Omit<ApiKeyRow, 'secretHash' | 'tenantId'>) => ({
  id: k.id,
  name: k.name,
  scopes: k.scopes,
  role: k.role,
  createdBy: k.createdBy,
  createdAt: k.createdAt.toISOString(),
  expiresAt: iso(k.expiresAt),
  lastUsedAt: iso(k.lastUsedAt),
  revokedAt: iso(k.revokedAt),
});

export const presentAudit = (e: StoredAuditEntry) => ({
  ...e,
  createdAt: e.createdAt.toISOString(),
});
