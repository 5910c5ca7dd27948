import { apiUrl, createRoute, defineRoute, getDb, getTenant, problemResponses, z } from 'atoll/plugin';
import { addMember } from '../services/add-member';
import { changeMemberRole, removeMember } from '../services/change-member';
import { actorOf } from '../services/context';
import { listMembers } from '../services/list-members';
import type { UsersLookup } from '../services/users';
import { presentMember } from './present';
import { json, jsonBody, MemberSchema, PageQuery, pageOf, RoleSchema, TenantParams } from './schemas';

const AddMemberBody = z.object({ email: z.string().trim().email().max(320), role: RoleSchema }).openapi('AddMember');
const ChangeRoleBody = z.object({ role: RoleSchema }).openapi('ChangeMemberRole');
const MemberParams = TenantParams.extend({ userId: z.string().max(100).openapi({ description: 'The member’s user id' }) });

const list = createRoute({
  method: 'get',
  path: '/tenants/{id}/members',
  operationId: 'tenants.listMembers',
  summary: 'Members of the tenant with their roles',
  request: { params: TenantParams, query: PageQuery },
  responses: { 200: json(pageOf(MemberSchema, 'TenantMemberPage'), 'A page of members'), ...problemResponses(404) },
});

const add = createRoute({
  method: 'post',
  path: '/tenants/{id}/members',
  operationId: 'tenants.addMember',
  summary: 'Add an existing user by email (admin; only owners grant owner)',
  request: { params: TenantParams, ...jsonBody(AddMemberBody) },
  responses: { 201: json(MemberSchema, 'The new member'), ...problemResponses(404, 409) },
});

const change = createRoute({
  method: 'patch',
  path: '/tenants/{id}/members/{userId}',
  operationId: 'tenants.changeMemberRole',
  summary: "Change a member's role (admin; only owners touch the owner role; the last owner stays)",
  request: { params: MemberParams, ...jsonBody(ChangeRoleBody) },
  responses: { 200: json(MemberSchema, 'The member'), ...problemResponses(404, 409) },
});

const remove = createRoute({
  method: 'delete',
  path: '/tenants/{id}/members/{userId}',
  operationId: 'tenants.removeMember',
  summary: 'Remove a member (admin; only owners remove owners; the last owner stays)',
  request: { params: MemberParams },
  responses: { 204: { description: 'Removed' }, ...problemResponses(404, 409) },
});

export const memberRoutes = (users: UsersLookup) => [
  defineRoute(
    list,
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const page = await listMembers({ ctx: { db: getDb(c), users }, input: { tenantId: getTenant(c).id, limit, cursor } });
      return c.json({ items: page.items.map(presentMember), nextCursor: page.nextCursor }, 200);
    },
    { access: { tenantRole: 'viewer' } },
  ),
  defineRoute(
    add,
    async (c) => {
      const tenant = getTenant(c);
      const member = await addMember({
        ctx: { db: getDb(c), actor: actorOf(c.get('principal')), request: c, users },
        input: { tenantId: tenant.id, actorRole: tenant.role, ...c.req.valid('json') },
      });
      return c.json(presentMember(member), 201, { location: apiUrl(`/tenants/${tenant.id}/members/${member.userId}`) });
    },
    { access: { tenantRole: 'admin' } },
  ),
  defineRoute(
    change,
    async (c) => {
      const tenant = getTenant(c);
      const { userId } = c.req.valid('param');
      const db = getDb(c);
      const member = await changeMemberRole({
        ctx: { db, actor: actorOf(c.get('principal')), request: c },
        input: { tenantId: tenant.id, actorRole: tenant.role, userId, role: c.req.valid('json').role },
      });
      const [user] = await users.getUsers(db, [member.userId]);
      return c.json(presentMember({ ...member, email: user?.email ?? null, name: user?.name ?? null }), 200);
    },
    { access: { tenantRole: 'admin' } },
  ),
  defineRoute(
    remove,
    async (c) => {
      const tenant = getTenant(c);
      await removeMember({ ctx: { db: getDb(c), actor: actorOf(c.get('principal')), request: c }, input: { tenantId: tenant.id, actorRole: tenant.role, userId: c.req.valid('param').userId } });
      return c.body(null, 204);
    },
    { access: { tenantRole: 'admin' } },
  ),
];
