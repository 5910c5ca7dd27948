import { type AppContext, AtollError, parseForm, redirectTo, z } from 'atoll/plugin';
import { type ClusterDeps, clusterContext } from '../routes/cluster';
import { getClusterStatus, redeployService, scaleService } from '../services/cluster-operations';
import type { ClusterStatus } from '../services/present-service';

const ScaleForm = z.object({ desiredCount: z.coerce.number().int().min(0).max(1000) });
const RedeployForm = z.object({ confirm: z.literal('redeploy', { message: 'Type "redeploy" to confirm' }) });

function StatusView({ status }: { status: ClusterStatus }) {
  return (
    <>
      <dl id="cluster-counts" class="stats">
        <dt>Service</dt>
        <dd>
          {status.cluster} / {status.service} <small class="muted">{status.status}</small>
        </dd>
        <dt>Running</dt>
        <dd id="cluster-running">{status.runningCount}</dd>
        <dt>Pending</dt>
        <dd id="cluster-pending">{status.pendingCount}</dd>
        <dt>Desired</dt>
        <dd id="cluster-desired">{status.desiredCount}</dd>
        <dt>Task definition</dt>
        <dd>{status.taskDefinition ?? '—'}</dd>
      </dl>
      <div class="table-scroll" tabindex={0}>
        <table id="cluster-deployments">
          <caption>Deployments</caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Rollout</th>
              <th scope="col">Task definition</th>
              <th scope="col">Running / desired</th>
              <th scope="col">Failed tasks</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {status.deployments.map((d) => (
              <tr data-deployment={d.id}>
                <td>{d.status}</td>
                <td title={d.rolloutStateReason ?? undefined}>{d.rolloutState ?? '—'}</td>
                <td>{d.taskDefinition ?? '—'}</td>
                <td>
                  {d.runningCount} / {d.desiredCount}
                  {d.pendingCount ? ` (${d.pendingCount} pending)` : ''}
                </td>
                <td>{d.failedTasks}</td>
                <td>{d.updatedAt ? <time datetime={d.updatedAt}>{d.updatedAt.slice(0, 16).replace('T', ' ')}</time> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Latest events</h2>
      <ol id="cluster-events" class="timeline">
        {status.events.map((e) => (
          <li>
            {e.createdAt ? <time datetime={e.createdAt}>{e.createdAt.slice(0, 19).replace('T', ' ')}</time> : null} {e.message}
          </li>
        ))}
      </ol>
    </>
  );
}

/** `/app/admin/cluster`: the runners' service, a scale form and the way to a redeploy (platform admins). */
export async function ClusterPage(c: AppContext, deps: ClusterDeps) {
  let status: ClusterStatus | null = null;
  let problem: string | null = null;
  try {
    status = await getClusterStatus({ ctx: clusterContext(c, deps) });
  } catch (error) {
    // Unconfigured (503) and ECS failures (502) are shown on the page; anything else is a real error.
    if (!(error instanceof AtollError) || !['unavailable', 'bad_gateway'].includes(error.kind)) throw error;
    problem = error.message;
  }
  return (
    <>
      {problem ? (
        <p role="alert" id="cluster-problem" class="error">
          {problem}
        </p>
      ) : null}
      {status ? <StatusView status={status} /> : null}
      {status ? (
        <>
          <form method="post" action="/app/admin/cluster/scale" class="inline" id="cluster-scale">
            <label for="desired-count">
              Desired tasks{' '}
              <small class="muted">
                {deps.config.minDesired} to {deps.config.maxDesired}
              </small>
              <input id="desired-count" name="desiredCount" type="number" required min={deps.config.minDesired} max={deps.config.maxDesired} value={String(status.desiredCount)} />
            </label>
            <button type="submit">Scale</button>
          </form>
          <p>
            <a href="/app/admin/cluster/redeploy" id="cluster-redeploy-link" class="button danger">
              Redeploy…
            </a>
          </p>
        </>
      ) : null}
    </>
  );
}

/** POST `/app/admin/cluster/scale`. */
export async function scaleFromForm(c: AppContext, deps: ClusterDeps) {
  const form = await parseForm(c, ScaleForm);
  await scaleService({ ctx: clusterContext(c, deps), input: form });
  return redirectTo(c, '/app/admin/cluster', { notice: 'cluster-scaled' });
}

/** `/app/admin/cluster/redeploy`: the confirmation step (typing the word guards against a stray click). */
export function RedeployConfirmPage(c: AppContext, deps: ClusterDeps) {
  const service = deps.config.service ?? 'the service';
  return (
    <form method="post" action="/app/admin/cluster/redeploy" class="stack" id="cluster-redeploy">
      <p>
        Every task of <strong>{service}</strong> will be replaced by a new one. Jobs the runners hold are released and picked up again.
      </p>
      <label for="redeploy-confirm">
        Type <code>redeploy</code> to confirm
        <input id="redeploy-confirm" name="confirm" required autocomplete="off" pattern="redeploy" />
      </label>
      <p class="buttons">
        <button type="submit" class="danger">
          Redeploy now
        </button>
        <a class="button secondary" href="/app/admin/cluster">
          Cancel
        </a>
      </p>
    </form>
  );
}

/** POST `/app/admin/cluster/redeploy`: refused (400) unless confirmed. */
export async function redeployFromForm(c: AppContext, deps: ClusterDeps) {
  await parseForm(c, RedeployForm);
  await redeployService({ ctx: clusterContext(c, deps) });
  return redirectTo(c, '/app/admin/cluster', { notice: 'cluster-redeployed' });
}
