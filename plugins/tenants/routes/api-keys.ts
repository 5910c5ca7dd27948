import { type ApiScopes, apiUrl, createRoute, defineRoute, getDb, getTenant, problemResponses, z } from 'atoll/plugin';
import { actorOf } from '../services/context';
import { createApiKey } from '../services/create-api-key';
import { listApiKeys } from '../services/list-api-keys';
import { revokeApiKey } from '../services/revoke-api-key';
import { presentApiKey } from './present';
import { ApiKeySchema, CreatedApiKeySchema, json, jsonBody, NameSchema, PageQuery, pageOf, ScopeSchema, TenantParams } from './schemas';

const CreateApiKeyBody = z
  .object({
    name: NameSchema,
    scopes: z.array(ScopeSchema).min(1).max(50).openapi({ description: 'Scopes used by the installed plugins (e.g. projects:read); others are refused with TENANTS_UNKNOWN_SCOPE' }),
    role: z.enum(['viewer', 'member', 'admin']).default('member').openapi({ description: "The key's role ceiling in the tenant (never owner); default member" }),
    expiresAt: z.iso.datetime({ offset: true }).optional().openapi({ description: 'ISO 8601; the key stops working then' }),
  })
  .openapi('CreateApiKey');
const KeyParams = TenantParams.extend({ keyId: z.string().max(100) });

const create = createRoute({
  method: 'post',
  path: '/tenants/{id}/api-keys',
  operationId: 'tenants.createApiKey',
  summary: 'Create an API key (admin); the secret is returned once',
  request: { params: TenantParams, ...jsonBody(CreateApiKeyBody) },
  responses: { 201: json(CreatedApiKeySchema, 'The key, with its secret'), ...problemResponses(404) },
});

const list = createRoute({
  method: 'get',
  path: '/tenants/{id}/api-keys',
  operationId: 'tenants.listApiKeys',
  summary: "The tenant's API keys, newest first, without secrets (admin)",
  request: { params: TenantParams, query: PageQuery },
  responses: { 200: json(pageOf(ApiKeySchema, 'ApiKeyPage'), 'A page of keys'), ...problemResponses(404) },
});

const revoke = createRoute({
  method: 'delete',
  path: '/tenants/{id}/api-keys/{keyId}',
  operationId: 'tenants.revokeApiKey',
  summary: 'Revoke an API key at once (admin)',
  request: { params: KeyParams },
  responses: { 204: { description: 'Revoked' }, ...problemResponses(404) },
});

export const apiKeyRoutes = (scopes: ApiScopes) => [
  defineRoute(
    create,
    async (c) => {
      const body = c.req.valid('json');
      const key = await createApiKey({
        ctx: { db: getDb(c), actor: actorOf(c.get('principal')), request: c, scopes },
        input: { tenantId: getTenant(c).id, name: body.name, scopes: body.scopes, role: body.role, expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined },
      });
      c.header('cache-control', 'no-store');
      return c.json({ ...presentApiKey(key), secret: key.secret }, 201, { location: apiUrl(`/tenants/${key.tenantId}/api-keys/${key.id}`) });
    },
    { access: { tenantRole: 'admin' } },
  ),
  defineRoute(
    list,
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const page = await listApiKeys({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, limit, cursor } });
      return c.json({ items: page.items.map(presentApiKey), nextCursor: page.nextCursor }, 200);
    },
    { access: { tenantRole: 'admin' } },
  ),
  defineRoute(
    revoke,
    async (c) => {
      await revokeApiKey({ ctx: { db: getDb(c), actor: actorOf(c.get('principal')), request: c }, input: { tenantId: getTenant(c).id, keyId: c.req.valid('param').keyId } });
      return c.body(null, 204);
    },
    { access: { tenantRole: 'admin' } },
  ),
];
