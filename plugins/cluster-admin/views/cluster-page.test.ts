import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { bootApp, send } from '../../../test/worker/harness';
import { authTestEnv, type SignedUp } from '../../../test/worker/identity';
import { htmlOf as html } from '../../../test/worker/pages';
import { seedUser } from '../../../test/worker/seed';
import type { AtollApp } from '../../../worker/app';
import { authPlugin } from '../../auth';
import { clusterAdminPlugin } from '..';

const ecsMock = mockClient(ECSClient);
// Test files share one module graph (isolate: false): put ECSClient back for the files after this one.
afterAll(() => ecsMock.restore());
const ecs = new ECSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const settings = { CLUSTER_ADMIN_CLUSTER: 'atoll', CLUSTER_ADMIN_SERVICE: 'runners', CLUSTER_ADMIN_MAX_DESIRED: '4' };
const plain = await bootApp([authPlugin(), clusterAdminPlugin({ ecs })], { ...(await authTestEnv()), ...settings });
const admin = await seedUser(plain, { name: 'operator' });
const atoll = await bootApp([authPlugin(), clusterAdminPlugin({ ecs })], { ...(await authTestEnv()), ...settings, AUTH_PLATFORM_ADMINS: admin.userId });

function page(app: AtollApp, user: SignedUp, path: string, form?: Record<string, string>) {
  const headers: Record<string, string> = { authorization: `Bearer ${user.accessToken}` };
  if (!form) return send(app, path, { headers });
  headers['content-type'] = 'application/x-www-form-urlencoded';
  return send(app, path, { method: 'POST', headers, body: new URLSearchParams(form).toString() });
}

/** The text the page a post redirected to shows in the layout's notice (following the notice cookie the post set). */
async function noticeAfter(res: Response, user: SignedUp) {
  const key = /atoll_notice=([a-z-]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  expect(key, `no notice cookie after ${res.status} ${res.headers.get('location')}`).toBeDefined();
  const next = await html(await send(atoll, res.headers.get('location')!, { headers: { authorization: `Bearer ${user.accessToken}`, cookie: `atoll_notice=${key}` } }));
  return /<p id="notice" class="notice" role="status">([^<]*)<\/p>/.exec(next)?.[1];
}

beforeEach(() => {
  ecsMock.reset();
  ecsMock.on(DescribeServicesCommand).resolves({
    services: [
      {
        serviceName: 'runners',
        status: 'ACTIVE',
        desiredCount: 2,
        runningCount: 1,
        pendingCount: 1,
        deployments: [{ id: 'ecs-svc/9', status: 'PRIMARY', rolloutState: 'IN_PROGRESS', desiredCount: 2, runningCount: 1, pendingCount: 1, failedTasks: 0 }],
        events: [{ id: 'e1', createdAt: new Date('2026-11-22T10:00:00Z'), message: '(service runners) has reached a steady state.' }],
      },
    ],
  });
  ecsMock.on(UpdateServiceCommand).resolves({ service: { serviceName: 'runners' } });
});

describe('/app/admin/cluster', { timeout: 30_000 }, () => {
  it('shows the service, its deployments and events, a scale form and the way to redeploy', async () => {
    const text = await html(await page(atoll, admin, '/app/admin/cluster'));
    expect(text).toContain('<dd id="cluster-running">1</dd>');
    expect(text).toContain('<dd id="cluster-desired">2</dd>');
    expect(text).toContain('data-deployment="ecs-svc/9"');
    expect(text).toContain('IN_PROGRESS');
    expect(text).toContain('has reached a steady state.');
    expect(text).toContain('id="cluster-scale"');
    expect(text).toContain('max="4"');
    expect(text).toContain('href="/app/admin/cluster/redeploy"');
  });

  it('is for platform admins only', async () => {
    const user = await seedUser(atoll);
    await html(await page(atoll, user, '/app/admin/cluster'), 403);
    await html(await page(atoll, user, '/app/admin/cluster/scale', { desiredCount: '3' }), 403);
    await html(await page(atoll, user, '/app/admin/cluster/redeploy', { confirm: 'redeploy' }), 403);
    expect(ecsMock.calls()).toHaveLength(0);
  });

  it('scales from the form and says so', async () => {
    const res = await page(atoll, admin, '/app/admin/cluster/scale', { desiredCount: '3' });
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get('location')).toBe('/app/admin/cluster');
    expect(ecsMock.commandCalls(UpdateServiceCommand)[0]!.args[0].input).toEqual({ cluster: 'atoll', service: 'runners', desiredCount: 3 });
    expect(await noticeAfter(res, admin)).toBe('The desired count was changed. ECS starts or stops tasks to match.');
    await html(await page(atoll, admin, '/app/admin/cluster/scale', { desiredCount: '9' }), 400);
  });

  it('redeploys only after the confirmation step', async () => {
    const confirm = await html(await page(atoll, admin, '/app/admin/cluster/redeploy'));
    expect(confirm).toContain('id="cluster-redeploy"');
    expect(confirm).toContain('name="confirm"');
    await html(await page(atoll, admin, '/app/admin/cluster/redeploy', {}), 400);
    await html(await page(atoll, admin, '/app/admin/cluster/redeploy', { confirm: 'yes' }), 400);
    expect(ecsMock.commandCalls(UpdateServiceCommand)).toHaveLength(0);
    const res = await page(atoll, admin, '/app/admin/cluster/redeploy', { confirm: 'redeploy' });
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get('location')).toBe('/app/admin/cluster');
    expect(await noticeAfter(res, admin)).toBe('A new deployment was started.');
    expect(ecsMock.commandCalls(UpdateServiceCommand)[0]!.args[0].input).toEqual({ cluster: 'atoll', service: 'runners', forceNewDeployment: true });
  });

  it('explains an unconfigured cluster or an ECS failure on the page', async () => {
    const bare = await bootApp([authPlugin(), clusterAdminPlugin({ ecs })], { ...(await authTestEnv()), AUTH_PLATFORM_ADMINS: admin.userId });
    expect(await html(await page(bare, admin, '/app/admin/cluster'))).toContain('set CLUSTER_ADMIN_CLUSTER and CLUSTER_ADMIN_SERVICE');
    ecsMock.on(DescribeServicesCommand).rejects(Object.assign(new Error('rate exceeded'), { name: 'ThrottlingException' }));
    const text = await html(await page(atoll, admin, '/app/admin/cluster'));
    expect(text).toContain('ECS is throttling requests; try again shortly');
    expect(text).not.toContain('id="cluster-scale"');
  });
});
