import { type AppContext, getUser, type HostInfo, roleAtLeast } from 'atoll/plugin';
import { currentTenant } from './current-tenant';
import { NoTenant } from './no-tenant';
import { SettingsNav } from './settings-nav';

/**
 * `/app/settings`: the settings area. The current tenant (members, API keys, audit log), the
 * account, and for platform admins the operator pages (cluster, system status).
 */
export async function SettingsPage(c: AppContext, host: HostInfo) {
  const tenant = await currentTenant(c);
  const admin = tenant ? roleAtLeast(tenant.role, 'admin') : false;
  const installed = (id: string) => host.plugins.some((p) => p.id === id);
  return (
    <>
      <SettingsNav current="/app/settings" role={tenant?.role} />
      <section aria-labelledby="settings-tenant">
        <h2 id="settings-tenant">Tenant</h2>
        {tenant ? (
          <>
            <p id="settings-current-tenant">
              You are in <strong>{tenant.name}</strong> (<code>{tenant.slug}</code>) as <strong>{tenant.role}</strong>.
            </p>
            <ul class="cards">
              <li>
                <a class="card" href="/app/tenants/members">
                  Members
                  <br />
                  <small class="muted">who is in {tenant.name}, and their roles</small>
                </a>
              </li>
              {admin ? (
                <li>
                  <a class="card" href="/app/tenants/api-keys">
                    API keys
                    <br />
                    <small class="muted">keys for programs and job runners</small>
                  </a>
                </li>
              ) : null}
              {admin ? (
                <li>
                  <a class="card" href="/app/tenants/audit">
                    Audit log
                    <br />
                    <small class="muted">who changed what, and when</small>
                  </a>
                </li>
              ) : null}
            </ul>
          </>
        ) : (
          <NoTenant />
        )}
        <p>
          <a href="/app/tenants">All your tenants</a> · <a href="/app/tenants/new">New tenant</a>
        </p>
      </section>
      <section aria-labelledby="settings-account">
        <h2 id="settings-account">Your account</h2>
        <ul>
          <li>
            <a href="/app/account/preferences">Preferences</a>
          </li>
          <li>
            <a href="/app/account/sessions">Signed-in devices</a>
          </li>
        </ul>
      </section>
      {getUser(c).platformAdmin ? (
        <section aria-labelledby="settings-platform-heading" id="settings-platform">
          <h2 id="settings-platform-heading">Platform</h2>
          <ul>
            {installed('cluster-admin') ? (
              <li>
                <a href="/app/admin/cluster">Cluster</a>
              </li>
            ) : null}
            {installed('system') ? (
              <li>
                <a href="/app/system">System and status</a>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
    </>
  );
}
