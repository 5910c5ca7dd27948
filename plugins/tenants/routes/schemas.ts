import { TENANT_ROLES, wellFormedString, z } from 'atoll/plugin';

/** Slugs name tenants in URLs and `x-tenant-id`; a UUID-shaped slug would be mistaken for an id. */
const UUID_SHAPED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Lowercase letters, digits and dashes (2-63), not starting with a dash')
  .refine((s) => !UUID_SHAPED.test(s), 'A slug must not look like a tenant id')
  .openapi({ example: 'acme' });
export const NameSchema = wellFormedString().trim().min(1).max(200).openapi({ example: 'Acme Corp' });
export const RoleSchema = z.enum(TENANT_ROLES).openapi({ example: 'member' });
export const ScopeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/, 'A scope looks like resource:action')
  .openapi({ example: 'projects:read' });

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ description: 'Page size (1-100)' }),
  cursor: z.string().max(500).optional().openapi({ description: 'nextCursor of the previous page' }),
});

export const TenantParams = z.object({ id: z.string().openapi({ description: 'Tenant id or slug', example: 'acme' }) });

const isoDate = z.string().openapi({ format: 'date-time' });

export const TenantSchema = z.object({ id: z.string().uuid(), slug: z.string(), name: z.string(), role: RoleSchema, createdAt: isoDate, updatedAt: isoDate }).openapi('Tenant');

export const MemberSchema = z
  .object({ userId: z.string(), email: z.string().nullable().openapi({ format: 'email' }), name: z.string().nullable(), role: RoleSchema, createdAt: isoDate })
  .openapi('TenantMember');

export const ApiKeySchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    scopes: z.array(z.string()),
    role: z.enum(['viewer', 'member', 'admin']),
    createdBy: z.string().nullable(),
    createdAt: isoDate,
    expiresAt: isoDate.nullable(),
    lastUsedAt: isoDate.nullable(),
    revokedAt: isoDate.nullable(),
  })
  .openapi('ApiKey');

export const CreatedApiKeySchema = ApiKeySchema.extend({
  secret: z.string().openapi({ description: 'Shown once: store it now. Send it as `Authorization: Bearer <secret>`.' }),
}).openapi('CreatedApiKey');

export const AuditEntrySchema = z
  .object({
    id: z.string().uuid(),
    actorType: z.string(),
    actorId: z.string().nullable(),
    action: z.string().openapi({ example: 'tenants.member_added' }),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    requestId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    createdAt: isoDate,
  })
  .openapi('AuditEntry');

export const pageOf = <T extends z.ZodType>(item: T, name: string) => z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

/** Dates as ISO 8601 UTC strings, the one date format of the API. */
export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
