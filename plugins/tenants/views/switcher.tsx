import { type AppContext, getDb, TENANT_COOKIE } from 'atoll/plugin';
import { getCookie } from 'hono/cookie';
import { listMyTenants } from '../services/list-my-tenants';
import { safeNext } from './current-tenant';

/**
 * Header widget: the signed-in user's tenants; choosing one posts to `/app/tenants/switch` (htmx,
 * on change), which sets the tenant cookie and reloads the page (on the chooser: goes on to its
 * `next`). Without JavaScript a button shows.
 */
export async function TenantSwitcher(c: AppContext) {
  const principal = c.get('principal');
  if (principal?.kind !== 'user') return null;
  const { items } = await listMyTenants({ ctx: { db: getDb(c) }, input: { userId: principal.userId, limit: 100 } });
  if (items.length === 0)
    return (
      <a href="/app/tenants/new" class="tenant-switcher">
        Create a tenant
      </a>
    );
  const current = getCookie(c, TENANT_COOKIE);
  const selected = items.find((t) => t.id === current || t.slug === current);
  return (
    <form class="tenant-switcher" method="post" action="/app/tenants/switch" hx-post="/app/tenants/switch" hx-trigger="change">
      <label>
        <span class="muted">Tenant</span>
        <select id="tenant-switcher" name="tenant">
          {selected ? null : (
            <option value="" selected>
              Choose…
            </option>
          )}
          {items.map((t) => (
            <option value={t.id} selected={t.id === selected?.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <input type="hidden" name="next" value={c.req.path === '/app/tenants' ? safeNext(c.req.query('next'), c.req.path) : c.req.path} />
      <noscript>
        <button type="submit" class="secondary">
          Switch
        </button>
      </noscript>
    </form>
  );
}
