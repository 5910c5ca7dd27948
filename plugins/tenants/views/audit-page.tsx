import { type AppContext, getDb } from 'atoll/plugin';
import { listAudit } from '../services/list-audit';
import { currentTenant, requireTenantRole } from './current-tenant';
import { NoTenant } from './no-tenant';
import { SettingsNav } from './settings-nav';

const PAGE = 50;
const when = (d: Date) => `${d.toISOString().replace('T', ' ').slice(0, 19)} UTC`;

/** `/app/tenants/audit`: the current tenant's audit log, newest first, 50 a page (admins and owners). */
export async function AuditPage(c: AppContext) {
  if (!(await currentTenant(c)))
    return (
      <>
        <SettingsNav current="/app/tenants/audit" />
        <NoTenant />
      </>
    );
  const tenant = await requireTenantRole(c, 'admin');
  const cursor = c.req.query('cursor') || undefined;
  const page = await listAudit({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id, limit: PAGE, cursor } });
  return (
    <>
      <SettingsNav current="/app/tenants/audit" role={tenant.role} />
      <p>
        What was done in <strong>{tenant.name}</strong>, newest first.
      </p>
      <div class="table-scroll" tabindex={0}>
        <table id="audit-log">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">By</th>
              <th scope="col">On</th>
              <th scope="col">Request</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((e) => (
              <tr data-action={e.action}>
                <td>{when(e.createdAt)}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.actorType}
                  {e.actorId ? (
                    <>
                      {' '}
                      <code>{e.actorId}</code>
                    </>
                  ) : null}
                </td>
                <td>
                  {e.targetType ?? ''}
                  {e.targetId ? (
                    <>
                      {' '}
                      <code>{e.targetId}</code>
                    </>
                  ) : null}
                </td>
                <td>{e.requestId ? <code>{e.requestId}</code> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.items.length === 0 ? (
        <p class="muted" id="no-audit">
          Nothing recorded yet.
        </p>
      ) : null}
      {page.nextCursor ? (
        <p>
          <a href={`/app/tenants/audit?cursor=${encodeURIComponent(page.nextCursor)}`}>Older entries</a>
        </p>
      ) : null}
    </>
  );
}
