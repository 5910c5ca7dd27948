import { type ApiScopes, type AppContext, getDb, parseForm, redirectTo, validateForm, validationFailed, z } from 'atoll/plugin';
import { actorOf } from '../services/context';
import { createApiKey } from '../services/create-api-key';
import { listApiKeys } from '../services/list-api-keys';
import { revokeApiKey } from '../services/revoke-api-key';
import { currentTenant, requireTenantRole } from './current-tenant';
import { NoTenant } from './no-tenant';
import { ScopePicker, ScopesField } from './scope-picker';

const CreateForm = z.object({
  name: z.string().trim().min(1).max(200),
  scopes: ScopesField,
  role: z.enum(['viewer', 'member', 'admin']).default('member'),
  expiresAt: z.string().max(40).optional(),
});
const RevokeForm = z.object({ keyId: z.string().min(1).max(100) });

const when = (d: Date | null) => (d ? `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC` : '—');

/** The secret of a key just created: shown this once, in a read-only field to copy. */
const NewSecret = ({ secret }: { secret: string }) => (
  <div class="alert" id="new-api-key">
    <label for="api-key-secret">
      Copy this secret now: it will not be shown again.
      <input id="api-key-secret" readonly value={secret} size={70} />
    </label>
    <button type="button" class="secondary" data-copy="#api-key-secret">
      Copy
    </button>
  </div>
);

/** `/app/tenants/api-keys`: create (admin), list and revoke the current tenant's keys. */
export async function ApiKeysPage(c: AppContext, scopes: ApiScopes, created?: { secret: string }) {
  const tenant = await currentTenant(c);
  if (!tenant) return <NoTenant />;
  if (tenant.role !== 'admin' && tenant.role !== 'owner') return <p class="muted">Only admins and owners manage API keys.</p>;
  const { items } = await listApiKeys({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id, limit: 100 } });
  return (
    <>
      {created ? <NewSecret secret={created.secret} /> : null}
      <form class="stack" method="post" action="/app/tenants/api-keys" id="create-api-key">
        <h2>New API key for {tenant.name}</h2>
        <label for="api-key-name">
          Name
          <input id="api-key-name" name="name" required maxlength={200} />
        </label>
        <ScopePicker scopes={scopes} />
        <label for="api-key-role">
          Role ceiling <small class="muted">the most the key may do</small>
          <select id="api-key-role" name="role">
            <option value="viewer">viewer</option>
            <option value="member" selected>
              member
            </option>
            <option value="admin">admin</option>
          </select>
        </label>
        <label for="api-key-expires">
          Expires (optional, UTC)
          <input id="api-key-expires" name="expiresAt" type="datetime-local" />
        </label>
        <button type="submit">Create key</button>
      </form>
      <div class="table-scroll" tabindex={0}>
        <table id="api-keys">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {items.map((k) => (
              <tr data-key={k.id}>
                <td>{k.name}</td>
                <td>{k.scopes.join(' ')}</td>
                <td>{when(k.createdAt)}</td>
                <td>{when(k.expiresAt)}</td>
                <td>{when(k.lastUsedAt)}</td>
                <td>{k.revokedAt ? 'revoked' : k.expiresAt && k.expiresAt.getTime() < Date.now() ? 'expired' : 'active'}</td>
                <td>
                  {k.revokedAt ? null : (
                    <form method="post" action="/app/tenants/api-keys/revoke" hx-confirm={`Revoke ${k.name}? Programs using it stop working at once.`}>
                      <input type="hidden" name="keyId" value={k.id} />
                      <button type="submit" class="danger">
                        Revoke
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.length === 0 ? (
        <p class="muted" id="no-api-keys">
          No API keys yet. Create one above for a program or a job runner.
        </p>
      ) : null}
    </>
  );
}

function expiryOf(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
  if (Number.isNaN(date.getTime())) throw validationFailed('KERNEL_VALIDATION', 'The form is invalid', [{ location: 'body', path: 'expiresAt', message: 'Not a date' }]);
  return date;
}

/** POST `/app/tenants/api-keys`: creates the key and shows its secret once (no redirect). */
export async function createApiKeyFromForm(c: AppContext, scopes: ApiScopes) {
  const tenant = await requireTenantRole(c, 'admin');
  // `all`: each checked scope box is one `scopes` value.
  const form = validateForm(CreateForm, await c.req.parseBody({ all: true }));
  const key = await createApiKey({
    ctx: { db: getDb(c), actor: actorOf(c.get('principal')), request: c, scopes },
    input: { tenantId: tenant.id, name: form.name, scopes: form.scopes, role: form.role, expiresAt: expiryOf(form.expiresAt) },
  });
  c.header('cache-control', 'no-store');
  return ApiKeysPage(c, scopes, { secret: key.secret });
}

/** POST `/app/tenants/api-keys/revoke`. */
export async function revokeApiKeyFromForm(c: AppContext) {
  const tenant = await requireTenantRole(c, 'admin');
  const form = await parseForm(c, RevokeForm);
  await revokeApiKey({ ctx: { db: getDb(c), actor: actorOf(c.get('principal')), request: c }, input: { tenantId: tenant.id, keyId: form.keyId } });
  return redirectTo(c, '/app/tenants/api-keys', { notice: 'api-key-revoked' });
}
