import { DescribeTasksCommand, ECSClient, ListTasksCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../worker/logger';
import { countCapacity } from './capacity';
import { taskFamily } from './ecs-client';
import { STARTED_BY, startTasks } from './start-tasks';

const ecsMock = mockClient(ECSClient);
// Test files share one module graph (isolate: false): put ECSClient back for the files after this one.
afterAll(() => ecsMock.restore());
const ecs = new ECSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const logger = createLogger('error');
const network = { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'], assignPublicIp: false };

beforeEach(() => ecsMock.reset());

describe('taskFamily', () => {
  it('strips the revision and the ARN prefix', () => {
    expect(taskFamily('atoll-runner')).toBe('atoll-runner');
    expect(taskFamily('atoll-runner:7')).toBe('atoll-runner');
    expect(taskFamily('arn:aws:ecs:eu-west-1:123456789012:task-definition/atoll-runner:7')).toBe('atoll-runner');
  });
});

describe('countCapacity', () => {
  it('counts running and starting tasks of the family, not stopping ones, across pages', async () => {
    ecsMock
      .on(ListTasksCommand, { nextToken: undefined })
      .resolves({ taskArns: ['t1', 't2', 't3'], nextToken: 'page-2' })
      .on(ListTasksCommand, { nextToken: 'page-2' })
      .resolves({ taskArns: ['t4', 't5'] });
    ecsMock.on(DescribeTasksCommand).resolves({
      tasks: [
        { taskArn: 't1', lastStatus: 'RUNNING', desiredStatus: 'RUNNING' },
        { taskArn: 't2', lastStatus: 'PROVISIONING', desiredStatus: 'RUNNING' },
        { taskArn: 't3', lastStatus: 'PENDING', desiredStatus: 'RUNNING' },
        { taskArn: 't4', lastStatus: 'RUNNING', desiredStatus: 'STOPPED' },
        { taskArn: 't5', lastStatus: 'DEPROVISIONING', desiredStatus: 'RUNNING' },
      ],
    });
    expect(await countCapacity(ecs, { cluster: 'atoll', taskDefinition: 'atoll-runner:3' })).toEqual({ running: 1, starting: 2, total: 3 });
    const lists = ecsMock.commandCalls(ListTasksCommand).map((call) => call.args[0].input);
    expect(lists).toHaveLength(2);
    expect(lists[0]).toMatchObject({ cluster: 'atoll', family: 'atoll-runner', desiredStatus: 'RUNNING' });
    expect(ecsMock.commandCalls(DescribeTasksCommand)[0]!.args[0].input).toEqual({ cluster: 'atoll', tasks: ['t1', 't2', 't3', 't4', 't5'] });
  });

  it('asks nothing more when the family has no tasks', async () => {
    ecsMock.on(ListTasksCommand).resolves({ taskArns: [] });
    expect(await countCapacity(ecs, { cluster: 'atoll', taskDefinition: 'atoll-runner' })).toEqual({ running: 0, starting: 0, total: 0 });
    expect(ecsMock.commandCalls(DescribeTasksCommand)).toHaveLength(0);
  });
});

describe('startTasks', () => {
  it('starts Fargate tasks in calls of at most ten, tagged and on the configured network', async () => {
    ecsMock.on(RunTaskCommand).callsFake((input: { count: number }) => ({ tasks: Array.from({ length: input.count }, (_, i) => ({ taskArn: `t${i}` })) }));
    expect(await startTasks(ecs, { cluster: 'atoll', taskDefinition: 'atoll-runner', count: 23, ...network }, logger)).toBe(23);
    const calls = ecsMock.commandCalls(RunTaskCommand).map((call) => call.args[0].input);
    expect(calls.map((input) => input.count)).toEqual([10, 10, 3]);
    expect(calls[0]).toEqual({
      cluster: 'atoll',
      taskDefinition: 'atoll-runner',
      launchType: 'FARGATE',
      count: 10,
      startedBy: STARTED_BY,
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'], assignPublicIp: 'DISABLED' } },
    });
  });

  it('counts only the tasks ECS accepted and logs its failures', async () => {
    const lines: string[] = [];
    ecsMock.on(RunTaskCommand).resolves({ tasks: [{ taskArn: 't1' }], failures: [{ reason: 'RESOURCE:ENI', detail: 'no capacity' }] });
    const started = await startTasks(
      ecs,
      { cluster: 'atoll', taskDefinition: 'atoll-runner', count: 2, ...network, assignPublicIp: true },
      createLogger('warn', {}, (line) => lines.push(line)),
    );
    expect(started).toBe(1);
    expect(ecsMock.commandCalls(RunTaskCommand)[0]!.args[0].input.networkConfiguration?.awsvpcConfiguration?.assignPublicIp).toBe('ENABLED');
    expect(lines.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ level: 'warn', reason: 'RESOURCE:ENI', taskDefinition: 'atoll-runner' })]);
  });
});
