import { DescribeTasksCommand, ECSClient, ListTasksCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { sql } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { bootApp } from '../../../../test/worker/harness';
import { authTestEnv, signUp } from '../../../../test/worker/identity';
import { runInTenant } from '../../../../worker/db/tenant-scope';
import { createLogger } from '../../../../worker/logger';
import { authPlugin } from '../../../auth';
import { tenantsPlugin } from '../../../tenants';
import { withDatabase } from '../../../tenants/db-access';
import { call, uniqueSlug } from '../../../tenants/testing';
import { type JobStatus, jobs } from '../../db/schema';
import { dispatchEcsTasks, type EcsDispatchConfig } from './dispatch';

const atoll = await bootApp([authPlugin(), tenantsPlugin()], await authTestEnv());
const ecsMock = mockClient(ECSClient);
// Test files share one module graph (isolate: false): put ECSClient back for the files after this one.
afterAll(() => ecsMock.restore());
const ecs = new ECSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

const config: EcsDispatchConfig = {
  ecsCluster: 'atoll',
  ecsSubnets: ['subnet-1'],
  ecsSecurityGroups: ['sg-1'],
  ecsAssignPublicIp: false,
  ecsRegion: 'eu-west-1',
  ecsEndpoint: undefined,
  ecsAccessKeyId: undefined,
  ecsSecretAccessKey: undefined,
  dispatchScale: 2,
  dispatchFactor: 10,
  dispatchMin: 0,
  dispatchMax: 10,
  dispatchCooldownSeconds: 60,
};

async function newTenant() {
  const owner = await signUp(atoll);
  const tenant = await call(atoll, 'POST', '/api/v1/tenants', owner, { body: { name: 'dispatch', slug: uniqueSlug('dispatch') }, status: 201 });
  return { tenantId: tenant.id as string, userId: owner.userId };
}

/** Inserts `count` jobs of a task definition (other tests' jobs may be pending too: names are unique). */
async function addJobs(owner: { tenantId: string; userId: string }, taskDefinition: string, count: number, status: JobStatus = 'PENDING', availableAt?: Date) {
  await withDatabase((db) =>
    runInTenant(db, owner.tenantId, (tx) =>
      tx.insert(jobs).values(
        Array.from({ length: count }, () => ({
          tenantId: owner.tenantId,
          type: 'test.dispatch',
          input: {},
          inputHash: crypto.randomUUID(),
          status,
          maxAttempts: 3,
          leaseSeconds: 60,
          taskDefinition,
          createdBy: owner.userId,
          createdByKind: 'user' as const,
          ...(availableAt ? { availableAt } : {}),
        })),
      ),
    ),
  );
}

const uniqueDefinition = () => `runner-${crypto.randomUUID().slice(0, 8)}`;
const inAMoment = () => new Date(Date.now() + 1000);
const dispatch = (options: { now?: Date; logger?: ReturnType<typeof createLogger>; settings?: Partial<EcsDispatchConfig> } = {}) =>
  withDatabase((db) => dispatchEcsTasks({ db, ecs, config: { ...config, ...options.settings }, logger: options.logger ?? createLogger('error'), now: options.now ?? inAMoment() }));
const runTaskCounts = (taskDefinition: string) =>
  ecsMock
    .commandCalls(RunTaskCommand)
    .filter((c) => c.args[0].input.taskDefinition === taskDefinition)
    .map((c) => c.args[0].input.count);
/** `live` running tasks for the family, none for any other. */
const liveTasks = (family: string, live: number) => {
  const arns = Array.from({ length: live }, (_, i) => `${family}/t${i}`);
  ecsMock.on(ListTasksCommand).resolves({ taskArns: [] }).on(ListTasksCommand, { family }).resolves({ taskArns: arns });
  ecsMock.on(DescribeTasksCommand).resolves({ tasks: arns.map((taskArn) => ({ taskArn, lastStatus: 'RUNNING', desiredStatus: 'RUNNING' })) });
};

beforeEach(() => {
  ecsMock.reset();
  ecsMock.on(ListTasksCommand).resolves({ taskArns: [] });
  ecsMock.on(RunTaskCommand).callsFake((input: { count: number }) => ({ tasks: Array.from({ length: input.count }, (_, i) => ({ taskArn: `new-${i}` })) }));
});

describe('dispatchEcsTasks', { timeout: 30_000 }, () => {
  it('is off without a cluster: no database work, no ECS call', async () => {
    expect(await dispatch({ settings: { ecsCluster: undefined } })).toEqual([]);
    expect(ecsMock.calls()).toHaveLength(0);
  });

  it('starts the target minus the live tasks, counting pending jobs of every tenant', async () => {
    const [a, b] = [await newTenant(), await newTenant()];
    const td = uniqueDefinition();
    await addJobs(a, td, 60);
    await addJobs(b, td, 40);
    await addJobs(a, td, 5, 'RUNNING');
    await addJobs(a, td, 5, 'PENDING', new Date(Date.now() + 3_600_000)); // retry later: not ready
    liveTasks(td, 2);
    const decisions = await dispatch();
    // 100 pending: round(2 * ln 11) = 5 wanted, 2 live.
    expect(decisions.find((d) => d.taskDefinition === td)).toEqual({ taskDefinition: td, pending: 100, target: 5, capacity: 2, started: 3, outcome: 'started' });
    expect(runTaskCounts(td)).toEqual([3]);
  });

  it('starts nothing, and keeps its cooldown unused, when enough tasks are live', async () => {
    const owner = await newTenant();
    const td = uniqueDefinition();
    await addJobs(owner, td, 10);
    liveTasks(td, 1);
    expect((await dispatch()).find((d) => d.taskDefinition === td)).toMatchObject({ target: 1, capacity: 1, started: 0, outcome: 'enough' });
    liveTasks(td, 0);
    expect((await dispatch()).find((d) => d.taskDefinition === td)).toMatchObject({ started: 1, outcome: 'started' });
  });

  it('waits for the cooldown before starting more for the same task definition', async () => {
    const owner = await newTenant();
    const td = uniqueDefinition();
    await addJobs(owner, td, 1);
    const now = inAMoment();
    expect((await dispatch({ now })).find((d) => d.taskDefinition === td)).toMatchObject({ started: 1, outcome: 'started' });
    // The task has not shown up in ListTasks yet: the cooldown is what keeps a second one from starting.
    expect((await dispatch({ now: new Date(now.getTime() + 59_000) })).find((d) => d.taskDefinition === td)).toMatchObject({ started: 0, outcome: 'cooldown' });
    expect((await dispatch({ now: new Date(now.getTime() + 60_000) })).find((d) => d.taskDefinition === td)).toMatchObject({ started: 1, outcome: 'started' });
    expect(runTaskCounts(td)).toEqual([1, 1]);
  });

  it('lets only one of two overlapping dispatchers start tasks', async () => {
    const owner = await newTenant();
    const td = uniqueDefinition();
    await addJobs(owner, td, 30);
    const now = inAMoment();
    const both = await Promise.all([dispatch({ now }), dispatch({ now })]);
    const outcomes = both.map((decisions) => decisions.find((d) => d.taskDefinition === td)?.outcome).sort();
    expect(outcomes).toEqual(['cooldown', 'started']);
    expect(runTaskCounts(td)).toEqual([3]); // round(2 * ln 4) = 3
    const state = await withDatabase((db) => db.execute(sql`select last_target from jobs_dispatch_state where task_definition = ${td}`));
    expect(state.rows).toEqual([{ last_target: 3 }]);
  });

  it('logs an ECS error and goes on with the other task definitions', async () => {
    const owner = await newTenant();
    const [broken, fine] = [uniqueDefinition(), uniqueDefinition()];
    await addJobs(owner, broken, 3);
    await addJobs(owner, fine, 3);
    ecsMock.on(ListTasksCommand, { family: broken }).rejects(Object.assign(new Error('User is not authorized to perform ecs:ListTasks'), { name: 'AccessDeniedException' }));
    const lines: string[] = [];
    const decisions = await dispatch({ logger: createLogger('error', {}, (line) => lines.push(line)) });
    expect(decisions.find((d) => d.taskDefinition === broken)).toMatchObject({ outcome: 'failed', started: 0 });
    expect(decisions.find((d) => d.taskDefinition === fine)).toMatchObject({ outcome: 'started', started: 1 });
    const logged = lines.map((line) => JSON.parse(line)).filter((entry) => entry.taskDefinition === broken);
    expect(logged).toEqual([expect.objectContaining({ level: 'error', msg: 'ECS dispatch failed', error: { name: 'AccessDeniedException', message: expect.stringContaining('not authorized') } })]);
  });

  it('builds its own client from the settings when none is given', async () => {
    const owner = await newTenant();
    const td = uniqueDefinition();
    await addJobs(owner, td, 2);
    const settings = { ...config, ecsEndpoint: 'http://127.0.0.1:9', ecsAccessKeyId: 'AKIDEXAMPLE', ecsSecretAccessKey: 'example' };
    const decisions = await withDatabase((db) => dispatchEcsTasks({ db, config: settings, logger: createLogger('error'), now: inAMoment() }));
    expect(decisions.find((d) => d.taskDefinition === td)).toMatchObject({ outcome: 'started', started: 1 });
    // aws-sdk-client-mock stubs every ECSClient: the calls came from the dispatcher's own instance.
    const [run] = ecsMock.commandCalls(RunTaskCommand).filter((c) => c.args[0].input.taskDefinition === td);
    expect(run!.thisValue).toBeInstanceOf(ECSClient);
    expect(run!.thisValue).not.toBe(ecs);
    expect(await (run!.thisValue as ECSClient).config.region()).toBe('eu-west-1');
  });
});
