import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bootApp, send } from '../../../test/worker/harness';
import { authTestEnv } from '../../../test/worker/identity';
import { htmlOf as html, pageClient } from '../../../test/worker/pages';
import { authPlugin } from '../../auth';
import { datasetsPlugin } from '../../datasets';
import { tenantsPlugin } from '../../tenants';
import { jobsPlugin } from '..';
import { asApp, call, claim, jobProbePlugin, jobsTeam, memberOf, newJob } from '../testing';

// The jobs plugin (its manifest mounts jobPages), the fixture job type, and the datasets plugin for its jobs.
const atoll = await bootApp([authPlugin(), tenantsPlugin(), datasetsPlugin(), jobsPlugin(), jobProbePlugin()], await authTestEnv());
const page = pageClient(atoll);

const A = (id: string, what: string) => `/api/v1/jobs/assignments/${id}/${what}`;

describe('/app/jobs', { timeout: 30_000 }, () => {
  it('sends signed-out browsers to the login page', async () => {
    const res = await send(atoll, '/app/jobs');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/login?next=%2Fapp%2Fjobs');
  });

  it("lists the caller's jobs with live statuses; admins see every job of the tenant", async () => {
    const { owner, member, tenant } = await jobsTeam(atoll, 'pages-list');
    const mine = await newJob(atoll, member, tenant.id, [1]);
    const owners = await newJob(atoll, owner, tenant.id, [2]);
    const text = await html(await page(member, tenant.id, '/app/jobs'));
    expect(text).toContain('data-realtime-topics="jobs"');
    expect(text).toContain('hx-trigger="realtime:jobs from:body throttle:1s"');
    expect(text).toContain('hx-get="/app/jobs/rows"');
    expect(text).toContain(`href="/app/jobs/${mine.id}"`);
    expect(text).not.toContain(owners.id);
    const all = await html(await page(owner, tenant.id, '/app/jobs'));
    expect(all).toContain(mine.id);
    expect(all).toContain(owners.id);

    // Who started each job, by name (the fixture users are named after their role or label).
    expect(all).toMatch(new RegExp(`<tr id="job-${mine.id}"[^]*?<td class="job-owner">member</td>`));
    expect(all).toMatch(new RegExp(`<tr id="job-${owners.id}"[^]*?<td class="job-owner">pages-list</td>`));

    const rows = await html(await page(member, tenant.id, '/app/jobs/rows'));
    expect(rows).toMatch(new RegExp(`^<tr id="job-${mine.id}"`));
    expect(rows).toContain('data-status="PENDING"');
    expect(await html(await page(owner, tenant.id, '/app/jobs?status=SUCCEEDED'))).toContain('id="no-jobs"');
  });

  it('says no runner has claimed work when a pending job has waited minutes with nothing running', async () => {
    const { owner, member, tenant, runnerKey } = await jobsTeam(atoll, 'pages-stalled');
    expect(await html(await page(owner, tenant.id, '/app/jobs'))).toContain('No jobs yet. Start one from a dataset');
    const waiting = await newJob(atoll, member, tenant.id, [1]);
    expect(await html(await page(owner, tenant.id, '/app/jobs')), 'a fresh job is not stalled').not.toContain('id="no-runner"');
    await asApp(atoll, (tx) => tx.execute(sql`update jobs set available_at = now() - interval '10 minutes' where id = ${waiting.id}`));
    const admin = await html(await page(owner, tenant.id, '/app/jobs'));
    expect(admin).toMatch(/<p class="notice warning" id="no-runner" role="status">No runner has claimed work recently: a pending job has waited 10 minutes\./);
    expect(admin).toContain('<code>jobs:work</code>');
    expect(await html(await page(member, tenant.id, '/app/jobs'))).toContain('Ask an admin of this tenant');

    // A runner holding one of the tenant's jobs is taking work: no hint while it runs.
    await newJob(atoll, member, tenant.id, [2]);
    expect(await claim(atoll, runnerKey)).toHaveLength(1);
    expect(await html(await page(owner, tenant.id, '/app/jobs'))).not.toContain('id="no-runner"');
  });
});

describe('/app/jobs/:id', { timeout: 30_000 }, () => {
  it('shows the input and events of a pending job, and cancels it from the form', async () => {
    const { owner, member, tenant } = await jobsTeam(atoll, 'pages-cancel');
    const job = await newJob(atoll, member, tenant.id, [4, 5]);
    const text = await html(await page(member, tenant.id, `/app/jobs/${job.id}`));
    expect(text).toContain('id="job-input"');
    expect(text).toContain('&quot;numbers&quot;');
    expect(text).toMatch(/<li data-to="PENDING">/);
    expect(text).toContain(`hx-get="/app/jobs/${job.id}/panel"`);
    expect(text).toContain('id="cancel-job"');

    // A colleague given this job from the cache reads it, but may not cancel it.
    const colleague = await memberOf(atoll, tenant.id, owner, 'member');
    await newJob(atoll, colleague, tenant.id, [4, 5], 200);
    const shared = await html(await page(colleague, tenant.id, `/app/jobs/${job.id}`));
    expect(shared).toContain('id="job-input"');
    expect(shared).not.toContain('id="cancel-job"');

    const other = await jobsTeam(atoll, 'pages-other');
    await html(await page(other.member, other.tenant.id, `/app/jobs/${job.id}`), 404);
    await html(await page(member, tenant.id, '/app/jobs/not-a-uuid'), 404);

    const res = await page(member, tenant.id, `/app/jobs/${job.id}/cancel`, {});
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get('location')).toBe(`/app/jobs/${job.id}`);
    const panel = await html(await page(owner, tenant.id, `/app/jobs/${job.id}/panel`));
    expect(panel).toContain('data-status="CANCELLED"');
    expect(panel).not.toContain('hx-get'); // finished: nothing more to follow
    expect(panel).not.toContain('id="cancel-job"');
    await html(await page(member, tenant.id, `/app/jobs/${job.id}/cancel`, {}), 409);
  });

  it('links every result file of a finished job with a working download URL', async () => {
    const { member, tenant, runnerKey } = await jobsTeam(atoll, 'pages-results');
    const job = await newJob(atoll, member, tenant.id, [1, 2]);
    const [assignment] = await claim(atoll, runnerKey);
    const content = 'sum\n3\n';
    const target = await call(atoll, 'POST', A(assignment!.assignmentId, 'uploads'), runnerKey, { body: { name: 'sum.csv', size: content.length, contentType: 'text/csv' }, status: 201 });
    expect((await fetch(target.url, { method: 'PUT', headers: target.headers, body: content })).status).toBe(200);
    await call(atoll, 'POST', A(assignment!.assignmentId, 'result'), runnerKey, { body: { status: 'SUCCEEDED', result: { sum: 3, files: ['sum.csv'] } }, status: 200 });

    const text = await html(await page(member, tenant.id, `/app/jobs/${job.id}`));
    expect(text).toContain('data-status="SUCCEEDED"');
    // The app's own URL, which signs a fresh S3 URL each time it is followed: it never expires.
    const href = /<ul id="job-results"><li><a href="([^"]+)" download="sum.csv"/.exec(text)?.[1];
    expect(href, text).toBe(`/api/v1/jobs/${job.id}/results/sum.csv`);
    const redirect = await send(atoll, href!, { headers: member.headers(tenant.id) });
    expect(redirect.status, await redirect.clone().text()).toBe(302);
    expect(await (await fetch(redirect.headers.get('location')!)).text()).toBe(content);
    expect(text).toContain('id="job-result"');
    expect(text.match(/<li data-to="/g)).toHaveLength(3);
  });
});

describe('/app/jobs/new', { timeout: 30_000 }, () => {
  it('starts a dataset export or profile from the form', async () => {
    const { member, tenant } = await jobsTeam(atoll, 'pages-new');
    expect(await html(await page(member, tenant.id, '/app/jobs/new'))).toContain('id="no-datasets"');
    const { dataset } = await call(atoll, 'POST', '/api/v1/datasets', member, { tenant: tenant.id, body: { name: 'alpha', kind: 'table', format: 'csv' }, status: 201 });
    const { dataset: newer } = await call(atoll, 'POST', '/api/v1/datasets', member, { tenant: tenant.id, body: { name: 'beta', kind: 'table', format: 'csv' }, status: 201 });
    const datasetId = dataset.id as string;
    // A picker of the tenant's datasets by name, with the one the form was opened for selected.
    const form = await html(await page(member, tenant.id, `/app/jobs/new?datasetId=${datasetId}`));
    expect(form).toMatch(/<select id="job-dataset" name="datasetId" required="">/);
    expect(form).toContain(`<option value="${datasetId}" selected="">alpha (not ready yet)</option>`);
    expect(form).toContain(`<option value="${newer.id}">beta (not ready yet)</option>`);
    for (const choice of ['export-csv', 'export-parquet', 'profile']) expect(form).toContain(`value="${choice}"`);

    const res = await page(member, tenant.id, '/app/jobs/new', { datasetId, job: 'export-parquet' });
    expect(res.status, await res.clone().text()).toBe(303);
    const jobId = /^\/app\/jobs\/([0-9a-f-]{36})$/.exec(res.headers.get('location') ?? '')?.[1];
    expect(jobId).toBeDefined();
    const job = await call(atoll, 'GET', `/api/v1/jobs/${jobId}`, member, { tenant: tenant.id, status: 200 });
    expect(job).toMatchObject({ type: 'datasets.export', input: { datasetId, format: 'parquet' }, status: 'PENDING' });

    const profile = await page(member, tenant.id, '/app/jobs/new', { datasetId, job: 'profile' });
    expect(profile.status).toBe(303);
    const profiled = await call(atoll, 'GET', `${profile.headers.get('location')!.replace('/app/', '/api/v1/')}`, member, { tenant: tenant.id, status: 200 });
    expect(profiled).toMatchObject({ type: 'datasets.profile', input: { datasetId } });

    // The job's page and the list name the dataset and who started the job.
    const detail = await html(await page(member, tenant.id, `/app/jobs/${profiled.id}`));
    expect(detail).toContain(`<dd id="job-dataset"><a href="/app/datasets/${datasetId}">alpha</a></dd>`);
    expect(detail).toContain('<dd id="job-owner">member</dd>');
    expect(detail).toMatch(/<li data-to="PENDING">.*<small class="muted">member<\/small>/);
    expect(detail).not.toContain(`user:${member.userId}`);
    expect(await html(await page(member, tenant.id, '/app/jobs'))).toContain(`<td class="job-dataset"><a href="/app/datasets/${datasetId}">alpha</a></td>`);
  });

  it('refuses a bad form (400) and viewers (403)', async () => {
    const { owner, member, tenant } = await jobsTeam(atoll, 'pages-new-bad');
    await html(await page(member, tenant.id, '/app/jobs/new', { datasetId: 'nope', job: 'profile' }), 400);
    await html(await page(member, tenant.id, '/app/jobs/new', { datasetId: crypto.randomUUID(), job: 'delete-everything' }), 400);
    const viewer = (await jobsTeam(atoll, 'pages-viewer')).owner; // an owner elsewhere, a viewer here
    await call(atoll, 'POST', `/api/v1/tenants/${tenant.id}/members`, owner, { body: { email: viewer.email, role: 'viewer' }, status: 201 });
    await html(await page(viewer, tenant.id, '/app/jobs/new'), 403);
    await html(await page(viewer, tenant.id, '/app/jobs/new', { datasetId: crypto.randomUUID(), job: 'profile' }), 403);
    expect(await html(await page(viewer, tenant.id, '/app/jobs'))).not.toContain('href="/app/jobs/new"');
  });
});
