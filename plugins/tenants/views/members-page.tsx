import { type AppContext, getDb, parseForm, redirectTo, roleAtLeast, TENANT_ROLES, z } from 'atoll/plugin';
import { RoleSchema } from '../routes/schemas';
import { addMember } from '../services/add-member';
import { changeMemberRole, removeMember } from '../services/change-member';
import { actorOf } from '../services/context';
import { listMembers } from '../services/list-members';
import type { UsersLookup } from '../services/users';
import { currentTenant, requireTenantRole } from './current-tenant';
import { NoTenant } from './no-tenant';
import { SettingsNav } from './settings-nav';

const AddForm = z.object({ email: z.string().trim().email().max(320), role: RoleSchema });
const RoleForm = z.object({ userId: z.string().min(1).max(100), role: RoleSchema });
const RemoveForm = z.object({ userId: z.string().min(1).max(100) });

const RoleOptions = ({ selected }: { selected?: string }) => (
  <>
    {[...TENANT_ROLES].reverse().map((r) => (
      <option value={r} selected={r === selected}>
        {r}
      </option>
    ))}
  </>
);

/** `/app/tenants/members`: the current tenant's members; admins add, re-role and remove them. */
export async function MembersPage(c: AppContext, users: UsersLookup) {
  const tenant = await currentTenant(c);
  if (!tenant)
    return (
      <>
        <SettingsNav current="/app/tenants/members" />
        <NoTenant />
      </>
    );
  const { items } = await listMembers({ ctx: { db: getDb(c), users }, input: { tenantId: tenant.id, limit: 100 } });
  const admin = roleAtLeast(tenant.role, 'admin');
  return (
    <>
      <SettingsNav current="/app/tenants/members" role={tenant.role} />
      <p>
        Members of <strong>{tenant.name}</strong> (<code>{tenant.slug}</code>). You are <strong>{tenant.role}</strong>.
      </p>
      {admin ? (
        <form class="stack" method="post" action="/app/tenants/members" id="add-member">
          <h2>Add a member</h2>
          <label for="member-email">
            Email of an existing user
            <input id="member-email" name="email" type="email" required />
          </label>
          <label for="member-role">
            Role
            <select id="member-role" name="role">
              <RoleOptions selected="member" />
            </select>
          </label>
          <button type="submit">Add member</button>
        </form>
      ) : null}
      <div class="table-scroll" tabindex={0}>
        <table id="members">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              {admin ? <th scope="col">Manage</th> : null}
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr data-user={m.userId}>
                <td>{m.email ?? m.userId}</td>
                <td>{m.name ?? ''}</td>
                <td>{m.role}</td>
                {admin ? (
                  <td>
                    <form method="post" action="/app/tenants/members/role" class="inline">
                      <input type="hidden" name="userId" value={m.userId} />
                      <select name="role" aria-label={`Role of ${m.email ?? m.userId}`}>
                        <RoleOptions selected={m.role} />
                      </select>
                      <button type="submit" class="secondary">
                        Change role
                      </button>
                    </form>
                    <form method="post" action="/app/tenants/members/remove" class="inline" hx-confirm={`Remove ${m.email ?? m.userId} from ${tenant.name}?`}>
                      <input type="hidden" name="userId" value={m.userId} />
                      <button type="submit" class="danger">
                        Remove
                      </button>
                    </form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

const serviceCtx = (c: AppContext) => ({ db: getDb(c), actor: actorOf(c.get('principal')), request: c });

/** POST `/app/tenants/members`. */
export async function addMemberFromForm(c: AppContext, users: UsersLookup) {
  const tenant = await requireTenantRole(c, 'admin');
  const form = await parseForm(c, AddForm);
  await addMember({ ctx: { ...serviceCtx(c), users }, input: { tenantId: tenant.id, actorRole: tenant.role, ...form } });
  return redirectTo(c, '/app/tenants/members', { notice: 'member-added' });
}

/** POST `/app/tenants/members/role`. */
export async function changeRoleFromForm(c: AppContext) {
  const tenant = await requireTenantRole(c, 'admin');
  const form = await parseForm(c, RoleForm);
  await changeMemberRole({ ctx: serviceCtx(c), input: { tenantId: tenant.id, actorRole: tenant.role, ...form } });
  return redirectTo(c, '/app/tenants/members', { notice: 'member-role-changed' });
}

/** POST `/app/tenants/members/remove`. */
export async function removeMemberFromForm(c: AppContext) {
  const tenant = await requireTenantRole(c, 'admin');
  const form = await parseForm(c, RemoveForm);
  await removeMember({ ctx: serviceCtx(c), input: { tenantId: tenant.id, actorRole: tenant.role, userId: form.userId } });
  return redirectTo(c, '/app/tenants/members', { notice: 'member-removed' });
}
