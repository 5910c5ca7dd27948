import { type AppContext, actorOf, getDb, getTenant, parseForm, redirectTo, roleAtLeast, z } from 'atoll/plugin';
import { createDashboard } from '../services/create-dashboard';
import { listDashboards } from '../services/list-dashboards';

const ListQuery = z.object({ q: z.string().trim().max(200).optional().catch(undefined), cursor: z.string().max(1000).optional().catch(undefined) });
const CreateForm = z.object({ name: z.string().trim().min(1).max(200), description: z.string().trim().max(2000).optional() });

/** `/app/dashboards`: the tenant's dashboards with a name filter; members get a create form. */
export async function DashboardsPage(c: AppContext) {
  const tenant = getTenant(c);
  const query = ListQuery.parse(c.req.query());
  const q = query.q || undefined;
  const page = await listDashboards({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id, limit: 50, q, cursor: query.cursor } });
  const nextHref = page.nextCursor ? `/app/dashboards?${new URLSearchParams({ ...(q ? { q } : {}), cursor: page.nextCursor })}` : null;
  return (
    <>
      {roleAtLeast(tenant.role, 'member') ? (
        <form class="stack" method="post" action="/app/dashboards" id="create-dashboard">
          <h2>New dashboard</h2>
          <label for="dashboard-name">
            Name
            <input id="dashboard-name" name="name" required maxlength={200} />
          </label>
          <label for="dashboard-description">
            Description <small class="muted">optional</small>
            <textarea id="dashboard-description" name="description" maxlength={2000} rows={2}></textarea>
          </label>
          <button type="submit">Create dashboard</button>
        </form>
      ) : null}
      <form method="get" action="/app/dashboards" class="inline" role="search">
        <label for="dashboard-filter">
          Name contains
          <input id="dashboard-filter" name="q" value={q ?? ''} maxlength={200} />
        </label>
        <button type="submit" class="secondary">
          Filter
        </button>
      </form>
      {page.items.length === 0 ? (
        <p class="muted" id="no-dashboards">
          {q ? 'No dashboard matches.' : roleAtLeast(tenant.role, 'member') ? 'No dashboards yet. Create the first one above.' : 'No dashboards yet. A member of this tenant can create one.'}
        </p>
      ) : (
        <div class="table-scroll" tabindex={0}>
          <table id="dashboards">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Description</th>
                <th scope="col">Panels</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((d) => (
                <tr data-dashboard={d.id}>
                  <td>
                    <a href={`/app/dashboards/${d.id}`}>{d.name}</a>
                  </td>
                  <td>{d.description ?? ''}</td>
                  <td>{d.panels.length}</td>
                  <td>
                    <time datetime={d.updatedAt.toISOString()}>{d.updatedAt.toISOString().slice(0, 16).replace('T', ' ')}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextHref ? (
        <p>
          <a href={nextHref} id="next-page">
            Next page
          </a>
        </p>
      ) : null}
    </>
  );
}

/** POST `/app/dashboards`: creates an empty dashboard and opens it. */
export async function createDashboardFromForm(c: AppContext) {
  const form = await parseForm(c, CreateForm);
  const dashboard = await createDashboard({
    ctx: { db: getDb(c), actor: actorOf(c.get('principal')), request: c },
    input: { tenantId: getTenant(c).id, name: form.name, description: form.description || null },
  });
  return redirectTo(c, `/app/dashboards/${dashboard.id}`, { notice: 'dashboard-created' });
}
