import { DescribeServicesCommand, ECSClient, type Service, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { bodyOf, bootApp, send } from '../../test/worker/harness';
import { authTestEnv, type SignedUp } from '../../test/worker/identity';
import { apiKeyOf, ownerWithTenant, seedUser } from '../../test/worker/seed';
import { authPlugin } from '../auth';
import { tenantsPlugin } from '../tenants';
import { clusterAdminPlugin } from '.';
import { platformAuditRows } from './testing';

const ecsMock = mockClient(ECSClient);
// Test files share one module graph (isolate: false): put ECSClient back for the files after this one.
afterAll(() => ecsMock.restore());
const ecs = new ECSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const settings = {
  CLUSTER_ADMIN_CLUSTER: 'atoll',
  CLUSTER_ADMIN_SERVICE: 'runners',
  CLUSTER_ADMIN_REGION: 'eu-west-1',
  CLUSTER_ADMIN_MIN_DESIRED: '1',
  CLUSTER_ADMIN_MAX_DESIRED: '5',
  CLUSTER_ADMIN_EVENTS: '2',
};
const plugins = () => [authPlugin(), tenantsPlugin(), clusterAdminPlugin({ ecs })];

// An account first, then a deployment that names it in AUTH_PLATFORM_ADMINS.
const plain = await bootApp(plugins(), { ...(await authTestEnv()), ...settings });
const admin = await seedUser(plain, { name: 'operator' });
const atoll = await bootApp(plugins(), { ...(await authTestEnv()), ...settings, AUTH_PLATFORM_ADMINS: admin.userId });

const SERVICE: Service = {
  serviceName: 'runners',
  status: 'ACTIVE',
  desiredCount: 3,
  runningCount: 2,
  pendingCount: 1,
  taskDefinition: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/atoll-runner:7',
  deployments: [
    {
      id: 'ecs-svc/1',
      status: 'PRIMARY',
      rolloutState: 'IN_PROGRESS',
      rolloutStateReason: 'ECS deployment ecs-svc/1 in progress.',
      taskDefinition: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/atoll-runner:7',
      desiredCount: 3,
      runningCount: 2,
      pendingCount: 1,
      failedTasks: 0,
      createdAt: new Date('2026-11-22T10:00:00Z'),
      updatedAt: new Date('2026-11-22T10:05:00Z'),
    },
  ],
  events: [
    { id: 'e3', createdAt: new Date('2026-11-22T10:05:00Z'), message: '(service runners) has started 1 tasks.' },
    { id: 'e2', createdAt: new Date('2026-11-22T10:00:00Z'), message: '(service runners) has reached a steady state.' },
    { id: 'e1', createdAt: new Date('2026-11-22T09:00:00Z'), message: '(service runners) was created.' },
  ],
};

const ENDPOINTS = [
  ['GET', '/api/v1/admin/cluster/status', undefined],
  ['POST', '/api/v1/admin/cluster/scale', { desiredCount: 2 }],
  ['POST', '/api/v1/admin/cluster/redeploy', undefined],
] as const;

/** Sends as `who` and returns the response with its parsed body. */
async function request(app: typeof atoll, method: string, path: string, who: SignedUp | string | null, body?: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (who) headers.authorization = `Bearer ${typeof who === 'string' ? who : who.accessToken}`;
  const res = await send(app, path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { res, body: await bodyOf(res) };
}

beforeEach(() => {
  ecsMock.reset();
  ecsMock.on(DescribeServicesCommand).resolves({ services: [SERVICE], failures: [] });
  ecsMock.on(UpdateServiceCommand).callsFake((input: { desiredCount?: number }) => ({ service: { ...SERVICE, desiredCount: input.desiredCount ?? SERVICE.desiredCount } }));
});

describe('cluster admin authorization', { timeout: 30_000 }, () => {
  it('refuses anonymous callers (401), users who are not platform admins and API keys (403)', async () => {
    const user = await seedUser(atoll);
    const { owner, tenant } = await ownerWithTenant(atoll);
    const key = await apiKeyOf(atoll, { tenantId: tenant.id, scopes: ['jobs:work'], createdBy: owner.userId });
    for (const [method, path, body] of ENDPOINTS) {
      expect((await request(atoll, method, path, null, body)).res.status).toBe(401);
      for (const who of [user, owner, key.secret]) {
        const { res, body: problem } = await request(atoll, method, path, who, body);
        expect(res.status, JSON.stringify(problem)).toBe(403);
      }
    }
    expect(ecsMock.calls()).toHaveLength(0);
  });

  it('lets a platform admin call every endpoint', async () => {
    for (const [method, path, body] of ENDPOINTS) {
      const { res, body: answer } = await request(atoll, method, path, admin, body);
      expect(res.status, JSON.stringify(answer)).toBe(200);
    }
  });
});

describe('GET /admin/cluster/status', () => {
  it('returns counts, deployments with rollout state and the latest events, without ARNs', async () => {
    const { res, body } = await request(atoll, 'GET', '/api/v1/admin/cluster/status', admin);
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ cluster: 'atoll', service: 'runners', status: 'ACTIVE', desiredCount: 3, runningCount: 2, pendingCount: 1, taskDefinition: 'atoll-runner:7' });
    expect(body.deployments).toEqual([
      {
        id: 'ecs-svc/1',
        status: 'PRIMARY',
        rolloutState: 'IN_PROGRESS',
        rolloutStateReason: 'ECS deployment ecs-svc/1 in progress.',
        taskDefinition: 'atoll-runner:7',
        desiredCount: 3,
        runningCount: 2,
        pendingCount: 1,
        failedTasks: 0,
        createdAt: '2026-11-22T10:00:00.000Z',
        updatedAt: '2026-11-22T10:05:00.000Z',
      },
    ]);
    expect(body.events.map((e: { id: string }) => e.id)).toEqual(['e3', 'e2']); // CLUSTER_ADMIN_EVENTS=2
    expect(JSON.stringify(body)).not.toContain('123456789012');
    expect(ecsMock.commandCalls(DescribeServicesCommand)[0]!.args[0].input).toEqual({ cluster: 'atoll', services: ['runners'] });
    const rows = await platformAuditRows(res.headers.get('x-request-id')!);
    expect(rows).toEqual([
      { tenant_id: null, actor_type: 'user', actor_id: admin.userId, action: 'cluster-admin.status_viewed', target_type: 'ecs_service', target_id: 'atoll/runners', data: { outcome: 'succeeded' } },
    ]);
  });
});

describe('POST /admin/cluster/scale', () => {
  it('sets the desired count and audits it', async () => {
    const { res, body } = await request(atoll, 'POST', '/api/v1/admin/cluster/scale', admin, { desiredCount: 5 });
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.desiredCount).toBe(5);
    expect(ecsMock.commandCalls(UpdateServiceCommand).map((c) => c.args[0].input)).toEqual([{ cluster: 'atoll', service: 'runners', desiredCount: 5 }]);
    const rows = await platformAuditRows(res.headers.get('x-request-id')!);
    expect(rows).toEqual([expect.objectContaining({ tenant_id: null, actor_id: admin.userId, action: 'cluster-admin.scaled', data: { desiredCount: 5, outcome: 'succeeded' } })]);
  });

  it('refuses counts outside the configured bounds, and bad bodies (400), without calling ECS', async () => {
    for (const desiredCount of [0, 6]) {
      const { res, body } = await request(atoll, 'POST', '/api/v1/admin/cluster/scale', admin, { desiredCount });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(body).toMatchObject({ code: 'CLUSTER_ADMIN_DESIRED_OUT_OF_RANGE', detail: 'desiredCount must be between 1 and 5', errors: [{ location: 'body', path: 'desiredCount' }] });
    }
    for (const bad of [{}, { desiredCount: '3' }, { desiredCount: 2.5 }, { desiredCount: -1 }, { desiredCount: 2, extra: true }]) {
      const { res, body } = await request(atoll, 'POST', '/api/v1/admin/cluster/scale', admin, bad);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(ecsMock.calls()).toHaveLength(0);
  });
});

describe('POST /admin/cluster/redeploy', () => {
  it('forces a new deployment and audits it', async () => {
    const { res, body } = await request(atoll, 'POST', '/api/v1/admin/cluster/redeploy', admin);
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(ecsMock.commandCalls(UpdateServiceCommand).map((c) => c.args[0].input)).toEqual([{ cluster: 'atoll', service: 'runners', forceNewDeployment: true }]);
    const rows = await platformAuditRows(res.headers.get('x-request-id')!);
    expect(rows).toEqual([expect.objectContaining({ tenant_id: null, action: 'cluster-admin.redeployed', data: { outcome: 'succeeded' } })]);
  });
});

describe('ECS failures', () => {
  const awsError = (name: string, message: string) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400, requestId: 'aws-request-id-1' } });

  it('become 502 problem+json with a clean message, audited as failed', async () => {
    ecsMock.on(UpdateServiceCommand).rejects(awsError('AccessDeniedException', 'User: arn:aws:iam::123456789012:user/atoll is not authorized to perform: ecs:UpdateService'));
    const { res, body } = await request(atoll, 'POST', '/api/v1/admin/cluster/redeploy', admin);
    expect(res.status, JSON.stringify(body)).toBe(502);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(body).toMatchObject({ status: 502, code: 'CLUSTER_ADMIN_ECS_FAILED', detail: 'ECS refused the request: the configured credentials lack the permission' });
    expect(JSON.stringify(body)).not.toMatch(/123456789012|arn:aws|aws-request-id/);
    const rows = await platformAuditRows(res.headers.get('x-request-id')!);
    expect(rows).toEqual([expect.objectContaining({ action: 'cluster-admin.redeployed', data: { outcome: 'failed', error: body.detail } })]);
  });

  it('names a missing service, and hides unknown errors behind a generic message', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [], failures: [{ arn: 'arn:aws:ecs:eu-west-1:123456789012:service/atoll/runners', reason: 'MISSING' }] });
    const missing = await request(atoll, 'GET', '/api/v1/admin/cluster/status', admin);
    expect(missing.res.status).toBe(502);
    expect(missing.body.detail).toBe('The configured ECS service does not exist');
    ecsMock.on(UpdateServiceCommand).rejects(awsError('SomethingNewException', 'internal detail arn:aws:ecs:eu-west-1:123456789012:cluster/atoll'));
    const unknown = await request(atoll, 'POST', '/api/v1/admin/cluster/scale', admin, { desiredCount: 2 });
    expect(unknown.res.status).toBe(502);
    expect(unknown.body.detail).toBe('The ECS request failed');
    expect(JSON.stringify(unknown.body)).not.toContain('123456789012');
  });
});

describe('an unconfigured deployment', () => {
  it('answers 503 naming the settings to set', async () => {
    const bare = await bootApp(plugins(), { ...(await authTestEnv()), AUTH_PLATFORM_ADMINS: admin.userId });
    for (const [method, path, body] of ENDPOINTS) {
      const { res, body: problem } = await request(bare, method, path, admin, body);
      expect(res.status, JSON.stringify(problem)).toBe(503);
      expect(problem).toMatchObject({ code: 'CLUSTER_ADMIN_NOT_CONFIGURED', detail: expect.stringContaining('CLUSTER_ADMIN_CLUSTER') });
    }
    expect(ecsMock.calls()).toHaveLength(0);
  });

  it('fails boot on bounds that contradict each other', async () => {
    await expect(bootApp(plugins(), { ...(await authTestEnv()), CLUSTER_ADMIN_MIN_DESIRED: '6', CLUSTER_ADMIN_MAX_DESIRED: '5' })).rejects.toMatchObject({
      message: expect.stringContaining('CLUSTER_ADMIN_MIN_DESIRED'),
    });
  });
});
