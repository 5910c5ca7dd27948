import { apiUrl, createRoute, defineRoute, getDb, getTenant, getUser, type ObjectStorage, problemResponses, z } from 'atoll/plugin';
import { tenantNotFound } from '../errors';
import { actorOf } from '../services/context';
import { createTenant } from '../services/create-tenant';
import { deleteTenant } from '../services/delete-tenant';
import { listMyTenants } from '../services/list-my-tenants';
import { getTenantRow, updateTenant } from '../services/update-tenant';
import { presentTenant } from './present';
import { json, jsonBody, NameSchema, PageQuery, pageOf, SlugSchema, TenantParams, TenantSchema } from './schemas';

const CreateTenantBody = z.object({ name: NameSchema, slug: SlugSchema }).openapi('CreateTenant');
const UpdateTenantBody = z.object({ name: NameSchema }).openapi('UpdateTenant');

const create = createRoute({
  method: 'post',
  path: '/tenants',
  operationId: 'tenants.createTenant',
  summary: 'Create a tenant; the caller becomes its owner',
  request: jsonBody(CreateTenantBody),
  responses: { 201: json(TenantSchema, 'The new tenant'), ...problemResponses(409) },
});

const list = createRoute({
  method: 'get',
  path: '/tenants',
  operationId: 'tenants.listTenants',
  summary: "The caller's tenants with their role",
  request: { query: PageQuery },
  responses: { 200: json(pageOf(TenantSchema, 'TenantPage'), 'A page of tenants') },
});

const get = createRoute({
  method: 'get',
  path: '/tenants/{id}',
  operationId: 'tenants.getTenant',
  summary: 'A tenant the caller belongs to (by id or slug)',
  request: { params: TenantParams },
  responses: { 200: json(TenantSchema, 'The tenant'), ...problemResponses(404) },
});

const update = createRoute({
  method: 'patch',
  path: '/tenants/{id}',
  operationId: 'tenants.updateTenant',
  summary: 'Rename a tenant (admin)',
  request: { params: TenantParams, ...jsonBody(UpdateTenantBody) },
  responses: { 200: json(TenantSchema, 'The tenant'), ...problemResponses(404) },
});

const remove = createRoute({
  method: 'delete',
  path: '/tenants/{id}',
  operationId: 'tenants.deleteTenant',
  summary: 'Delete a tenant and all its data (owner)',
  request: { params: TenantParams },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(404) },
});

export const tenantRoutes = (storage: ObjectStorage) => [
  defineRoute(create, async (c) => {
    const user = getUser(c);
    const tenant = await createTenant({ ctx: { db: getDb(c), actor: actorOf(user), request: c }, input: { ...c.req.valid('json'), ownerId: user.userId } });
    return c.json(presentTenant(tenant), 201, { location: apiUrl(`/tenants/${tenant.id}`) });
  }),
  defineRoute(list, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const page = await listMyTenants({ ctx: { db: getDb(c) }, input: { userId: getUser(c).userId, limit, cursor } });
    return c.json({ items: page.items.map(presentTenant), nextCursor: page.nextCursor }, 200);
  }),
  defineRoute(
    get,
    async (c) => {
      const tenant = getTenant(c);
      const row = await getTenantRow({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id } });
      if (!row) throw tenantNotFound(); // deleted between the access check and now
      return c.json(presentTenant({ ...row, role: tenant.role }), 200);
    },
    { access: { tenantRole: 'viewer' } },
  ),
  defineRoute(
    update,
    async (c) => {
      const tenant = getTenant(c);
      const row = await updateTenant({ ctx: { db: getDb(c), actor: actorOf(c.get('principal')), request: c }, input: { tenantId: tenant.id, name: c.req.valid('json').name } });
      return c.json(presentTenant({ ...row, role: tenant.role }), 200);
    },
    { access: { tenantRole: 'admin' } },
  ),
  defineRoute(
    remove,
    async (c) => {
      const tenant = getTenant(c);
      await deleteTenant({ ctx: { db: getDb(c), actor: actorOf(c.get('principal')), request: c, storage }, input: { tenantId: tenant.id, slug: tenant.slug } });
      return c.body(null, 204);
    },
    { access: { tenantRole: 'owner' } },
  ),
];
