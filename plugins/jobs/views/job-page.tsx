import { type AppContext, getDb, getPrincipal, getTenant, notFound, redirectTo, roleAtLeast, z } from 'atoll/plugin';
import type { JobEventRow, JobRow } from '../db/schema';
import { cancelJob } from '../services/cancel-job';
import { callerOf } from '../services/context';
import { canSee, getJob } from '../services/find-job';
import { listResultFiles } from '../services/list-results';
import { fileSize, prettyJson, StatusBadge, When } from './format';
import { actorName, DatasetName, type JobPagesDeps, type Names, namesFor, OwnerName } from './names';
import { PROFILE_JOB_TYPE, ProfileTable } from './profile-table';

const UUID = z.string().uuid();
type ResultFile = { name: string; size: number };

/** The job id of a page path; anything but a UUID is simply not found. */
function jobIdOf(c: AppContext): string {
  const id = UUID.safeParse(c.req.param('id'));
  if (!id.success) throw notFound('JOBS_NOT_FOUND', 'No such job in this tenant');
  return id.data;
}

const callerFor = (c: AppContext) => callerOf(getPrincipal(c), getTenant(c).role);
const finished = (job: JobRow) => job.status === 'SUCCEEDED' || job.status === 'FAILED';

/** The job, its events, the names they mention and, once it has finished, its result files. */
async function loadJob(c: AppContext, deps: JobPagesDeps) {
  const input = { tenantId: getTenant(c).id, jobId: jobIdOf(c), caller: callerFor(c) };
  const { job, events } = await getJob({ ctx: { db: getDb(c) }, input });
  const files: ResultFile[] = finished(job) ? (await listResultFiles({ ctx: { ...deps, db: getDb(c) }, input })).files : [];
  return { job, events, files, names: await namesFor(c, deps, [job], events) };
}

// Each link asks the API for a fresh presigned URL when followed, so a page left open keeps working.
const resultHref = (job: JobRow, name: string) => `/api/v1/jobs/${job.id}/results/${encodeURIComponent(name)}`;

function EventsTimeline({ events, names }: { events: JobEventRow[]; names: Names }) {
  return (
    <ol id="job-events" class="timeline">
      {events.map((e) => (
        <li data-to={e.toStatus}>
          <When at={e.at} seconds /> {e.fromStatus ? `${e.fromStatus} → ` : ''}
          <strong>{e.toStatus}</strong> <small class="muted">{actorName(e.actor, names)}</small>
          {e.detail ? <small class="muted"> {JSON.stringify(e.detail).slice(0, 300)}</small> : null}
        </li>
      ))}
    </ol>
  );
}

/** The live part of the page: reloaded (GET /app/jobs/:id/panel) when the tenant's hub reports a job event. */
function JobPanel({ job, events, files, names, canCancel }: { job: JobRow; events: JobEventRow[]; files: ResultFile[]; names: Names; canCancel: boolean }) {
  const live = job.status === 'PENDING' || job.status === 'RUNNING';
  return (
    <section
      id="job-panel"
      data-status={job.status}
      {...(live ? { 'data-realtime-topics': 'jobs', 'hx-get': `/app/jobs/${job.id}/panel`, 'hx-trigger': 'realtime:jobs from:body throttle:1s', 'hx-swap': 'outerHTML' } : {})}
    >
      <dl class="stats">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={job.status} />
        </dd>
        <dt>Dataset</dt>
        <dd id="job-dataset">
          <DatasetName job={job} names={names} />
        </dd>
        <dt>Created by</dt>
        <dd id="job-owner">
          <OwnerName job={job} names={names} />
        </dd>
        <dt>Attempts</dt>
        <dd>
          {job.attempts} / {job.maxAttempts}
        </dd>
        <dt>Created</dt>
        <dd>
          <When at={job.createdAt} seconds />
        </dd>
        <dt>Started</dt>
        <dd>
          <When at={job.startedAt} seconds />
        </dd>
        <dt>Finished</dt>
        <dd>
          <When at={job.finishedAt} seconds />
        </dd>
      </dl>
      {job.error ? (
        <p class="error" id="job-error">
          {job.error}
        </p>
      ) : null}
      {live && canCancel ? (
        <form method="post" action={`/app/jobs/${job.id}/cancel`} id="cancel-job" hx-confirm="Cancel this job?">
          <button type="submit" class="danger">
            Cancel job
          </button>
        </form>
      ) : null}
      <h2>Results</h2>
      {files.length > 0 ? (
        <ul id="job-results">
          {files.map((f) => (
            <li>
              <a href={resultHref(job, f.name)} download={f.name} hx-boost="false">
                {f.name}
              </a>{' '}
              <small class="muted">{fileSize(f.size)}</small>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted" id="no-results">
          {finished(job) ? 'No result files.' : 'Results appear here when the job has finished.'}
        </p>
      )}
      {job.type === PROFILE_JOB_TYPE && job.status === 'SUCCEEDED' ? <ProfileTable result={job.result} /> : null}
      {job.result !== null && job.result !== undefined ? (
        <details>
          <summary>Result</summary>
          <pre id="job-result">{prettyJson(job.result)}</pre>
        </details>
      ) : null}
      <h2>Events</h2>
      <EventsTimeline events={events} names={names} />
    </section>
  );
}

// Members cancel their own jobs (admins any), not one they were only given from the cache.
const canCancel = (c: AppContext, job: JobRow) => roleAtLeast(getTenant(c).role, 'member') && canSee(job, callerFor(c));

/** `/app/jobs/:id`: a job's input, live status, events timeline, result downloads and a cancel button. */
export async function JobPage(c: AppContext, deps: JobPagesDeps) {
  const { job, events, files, names } = await loadJob(c, deps);
  return (
    <>
      <p>
        <a href="/app/jobs">← Jobs</a>
      </p>
      <h2 id="job-title">
        {job.type} <small class="muted">{job.id}</small>
      </h2>
      <JobPanel job={job} events={events} files={files} names={names} canCancel={canCancel(c, job)} />
      <h2>Input</h2>
      <pre id="job-input">{prettyJson(job.input)}</pre>
    </>
  );
}

/** `/app/jobs/:id/panel`: the live part alone, for the refresh. */
export async function JobPanelPartial(c: AppContext, deps: JobPagesDeps) {
  const { job, events, files, names } = await loadJob(c, deps);
  return <JobPanel job={job} events={events} files={files} names={names} canCancel={canCancel(c, job)} />;
}

/** POST `/app/jobs/:id/cancel`: the owner or a tenant admin cancels a pending or running job. */
export async function cancelJobFromForm(c: AppContext, deps: JobPagesDeps) {
  const jobId = jobIdOf(c);
  await cancelJob({ ctx: { ...deps, db: getDb(c) }, input: { tenantId: getTenant(c).id, jobId, caller: callerFor(c) } });
  return redirectTo(c, `/app/jobs/${jobId}`, { notice: 'job-cancelled' });
}
