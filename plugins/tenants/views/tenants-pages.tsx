import { type AppContext, getDb, getUser, notFound, parseForm, redirectTo, TENANT_COOKIE, z } from 'atoll/plugin';
import { getCookie } from 'hono/cookie';
import { NameSchema, SlugSchema } from '../routes/schemas';
import { actorOf } from '../services/context';
import { createTenant } from '../services/create-tenant';
import { findTenantForUser } from '../services/find-tenant';
import { listMyTenants } from '../services/list-my-tenants';
import { safeNext, setTenantCookie } from './current-tenant';
import { SettingsNav } from './settings-nav';

const NewTenantForm = z.object({ name: NameSchema, slug: SlugSchema, next: z.string().max(2000).optional() });
const SwitchForm = z.object({ tenant: z.string().min(1).max(100), next: z.string().max(500).optional() });

/**
 * `/app/tenants`: the user's tenants, the current one marked; also the tenant chooser. With `next`
 * (a tenant page the browser was on its way to), a user with one tenant is put in it and sent on,
 * and with several, choosing one continues to `next`.
 */
export async function TenantsPage(c: AppContext) {
  const { items } = await listMyTenants({ ctx: { db: getDb(c) }, input: { userId: getUser(c).userId, limit: 100 } });
  const next = safeNext(c.req.query('next'), '');
  if (next && items.length === 1) {
    setTenantCookie(c, items[0]!.id);
    return c.redirect(next, 303);
  }
  const current = getCookie(c, TENANT_COOKIE);
  return (
    <>
      <SettingsNav current="/app/tenants" role={items.find((t) => t.id === current || t.slug === current)?.role} />
      {next && items.length > 0 ? (
        <p id="choose-tenant">
          Choose a tenant to continue to <code>{next}</code>.
        </p>
      ) : null}
      <p>
        <a class="button" href={next ? `/app/tenants/new?next=${encodeURIComponent(next)}` : '/app/tenants/new'}>
          New tenant
        </a>
      </p>
      {items.length === 0 ? (
        <p class="muted" id="no-tenants">
          You do not belong to any tenant yet. Create one to start, or ask an admin to add you to theirs.
        </p>
      ) : (
        <div class="table-scroll" tabindex={0}>
          <table id="tenants">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Slug</th>
                <th scope="col">Your role</th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => (
                <tr data-tenant={t.slug}>
                  <td>
                    {t.name}
                    {t.id === current || t.slug === current ? <strong> (current)</strong> : null}
                  </td>
                  <td>
                    <code>{t.slug}</code>
                  </td>
                  <td>{t.role}</td>
                  <td>
                    <form method="post" action="/app/tenants/switch">
                      <input type="hidden" name="tenant" value={t.id} />
                      <input type="hidden" name="next" value={next || '/app/tenants/members'} />
                      <button type="submit" class="secondary">
                        Open
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** `/app/tenants/new`: the create form (with `next`: where to go once it exists). */
export const NewTenantPage = (c: AppContext) => (
  <form class="stack" method="post" action="/app/tenants/new">
    <input type="hidden" name="next" value={safeNext(c.req.query('next'), '/app/tenants/members')} />
    <label for="tenant-name">
      Name
      <input id="tenant-name" name="name" required maxlength={200} />
    </label>
    <label for="tenant-slug">
      Slug <small class="muted">lowercase letters, digits and dashes; used in URLs and the API</small>
      <input id="tenant-slug" name="slug" required pattern="[a-z0-9][a-z0-9\-]{1,62}" />
    </label>
    <button type="submit">Create tenant</button>
  </form>
);

/** POST `/app/tenants/new`: creates the tenant, switches to it, and opens `next` or its members page. */
export async function createTenantFromForm(c: AppContext) {
  const user = getUser(c);
  const form = await parseForm(c, NewTenantForm);
  const tenant = await createTenant({ ctx: { db: getDb(c), actor: actorOf(user), request: c }, input: { name: form.name, slug: form.slug, ownerId: user.userId } });
  setTenantCookie(c, tenant.id);
  return redirectTo(c, safeNext(form.next, '/app/tenants/members'), { notice: 'tenant-created' });
}

/** POST `/app/tenants/switch`: remembers the chosen tenant (a member's only) and goes back. */
export async function switchTenant(c: AppContext) {
  const form = await parseForm(c, SwitchForm);
  const tenant = await findTenantForUser({ ctx: { db: getDb(c) }, input: { userId: getUser(c).userId, ref: form.tenant } });
  if (!tenant) throw notFound('KERNEL_TENANT_NOT_FOUND', 'No such tenant, or you are not a member');
  setTenantCookie(c, tenant.id);
  return redirectTo(c, safeNext(form.next, '/app/tenants'));
}
