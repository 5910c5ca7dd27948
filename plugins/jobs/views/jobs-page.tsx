import { type AppContext, getDb, getPrincipal, getTenant, roleAtLeast, z } from 'atoll/plugin';
import { JOB_STATUSES, type JobRow } from '../db/schema';
import { callerOf } from '../services/context';
import { findStalledQueue } from '../services/find-stalled-queue';
import { listJobs } from '../services/list-jobs';
import { StatusBadge, When } from './format';
import { DatasetName, type JobPagesDeps, type Names, namesFor, OwnerName } from './names';

const PAGE_SIZE = 50;
const ListQuery = z.object({
  status: z.enum(JOB_STATUSES).optional().catch(undefined),
  cursor: z.string().max(500).optional().catch(undefined),
});

async function jobsPage(c: AppContext, deps: JobPagesDeps) {
  const tenant = getTenant(c);
  const query = ListQuery.parse(c.req.query());
  const page = await listJobs({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id, caller: callerOf(getPrincipal(c), tenant.role), limit: PAGE_SIZE, ...query } });
  return { query, page, names: await namesFor(c, deps, page.items) };
}

function JobRowView({ job, names }: { job: JobRow; names: Names }) {
  return (
    <tr id={`job-${job.id}`} data-job-id={job.id} data-status={job.status}>
      <td>
        <a href={`/app/jobs/${job.id}`}>{job.type}</a>
      </td>
      <td class="job-dataset">
        <DatasetName job={job} names={names} />
      </td>
      <td class="job-owner">
        <OwnerName job={job} names={names} />
      </td>
      <td>
        <StatusBadge status={job.status} />
        {job.error ? <small class="muted"> {job.error.slice(0, 200)}</small> : null}
      </td>
      <td>
        {job.attempts} / {job.maxAttempts}
      </td>
      <td>
        <When at={job.createdAt} />
      </td>
      <td>
        <When at={job.finishedAt} />
      </td>
    </tr>
  );
}

/** Pending work nobody picks up: say so, and what gets it moving. */
function NoRunnerHint({ waitingSince, isAdmin }: { waitingSince: Date; isAdmin: boolean }) {
  const minutes = Math.max(1, Math.round((Date.now() - waitingSince.getTime()) / 60_000));
  return (
    <p class="notice warning" id="no-runner" role="status">
      No runner has claimed work recently: a pending job has waited {minutes} {minutes === 1 ? 'minute' : 'minutes'}.{' '}
      {isAdmin ? (
        <>
          Check that a job runner is running with an <a href="/app/tenants/api-keys">API key</a> that has the <code>jobs:work</code> scope (locally: <code>npm run runner</code>).
        </>
      ) : (
        'Ask an admin of this tenant to check that a job runner is running.'
      )}
    </p>
  );
}

const rowsHref = (status: string | undefined) => `/app/jobs/rows${status ? `?status=${status}` : ''}`;

/**
 * `/app/jobs`: the caller's jobs (every job of the tenant for its admins), newest first. The rows
 * reload when the tenant's hub reports a job event (`realtime:jobs`, at most once a second).
 */
export async function JobsPage(c: AppContext, deps: JobPagesDeps) {
  const tenant = getTenant(c);
  const { query, page, names } = await jobsPage(c, deps);
  const stalled = await findStalledQueue({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id } });
  const nextHref = page.nextCursor ? `/app/jobs?${new URLSearchParams({ ...(query.status ? { status: query.status } : {}), cursor: page.nextCursor })}` : null;
  return (
    <>
      <form method="get" action="/app/jobs" class="inline" role="search">
        <label for="job-status-filter">
          Status
          <select id="job-status-filter" name="status">
            <option value="">any</option>
            {JOB_STATUSES.map((s) => (
              <option value={s} selected={s === query.status}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="secondary">
          Filter
        </button>
      </form>
      {roleAtLeast(tenant.role, 'member') ? (
        <p class="muted">
          Start an export or a profile from a dataset's page (or on the <a href="/app/jobs/new">new job page</a>).
        </p>
      ) : null}
      {stalled ? <NoRunnerHint waitingSince={stalled.waitingSince} isAdmin={roleAtLeast(tenant.role, 'admin')} /> : null}
      <div class="table-scroll" tabindex={0}>
        <table id="jobs" data-realtime-topics="jobs">
          <caption>
            Jobs <small class="muted">statuses update live</small>
          </caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Dataset</th>
              <th scope="col">Created by</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Created</th>
              <th scope="col">Finished</th>
            </tr>
          </thead>
          {/* Later pages stay as they are: a refresh would bring back the first page's rows. */}
          <tbody id="job-rows" {...(query.cursor ? {} : { 'hx-get': rowsHref(query.status), 'hx-trigger': 'realtime:jobs from:body throttle:1s', 'hx-swap': 'innerHTML' })}>
            {page.items.map((job) => (
              <JobRowView job={job} names={names} />
            ))}
          </tbody>
        </table>
      </div>
      {page.items.length === 0 ? (
        <p class="muted" id="no-jobs">
          {query.status ? `No ${query.status} jobs.` : "No jobs yet. Start one from a dataset's page."}
        </p>
      ) : null}
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

/** `/app/jobs/rows`: the first page's rows, for the live refresh. */
export async function JobRowsPartial(c: AppContext, deps: JobPagesDeps) {
  const { page, names } = await jobsPage(c, deps);
  return (
    <>
      {page.items.map((job) => (
        <JobRowView job={job} names={names} />
      ))}
    </>
  );
}
