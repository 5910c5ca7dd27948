import { DescribeTasksCommand, type ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';
import { taskFamily } from './ecs-client';

/** Tasks of one family that will take work: running, or on their way (provisioning, pending, activating). */
export interface Capacity {
  running: number;
  starting: number;
  total: number;
}

// ListTasks pages hold at most 100 ARNs, and DescribeTasks takes at most 100; a dispatcher never
// needs more than a few pages (its own maximum bounds what it starts).
const MAX_PAGES = 10;
const ON_THE_WAY = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);

/**
 * Counts the live tasks of a task definition's family in the cluster: ListTasks by family with
 * desired status RUNNING (ECS allows `startedBy` only as the sole filter, and a runner started by
 * hand takes work too), then DescribeTasks to drop the ones already stopping.
 *
 * @example
 * const { total } = await countCapacity(ecs, { cluster: 'atoll', taskDefinition: 'atoll-runner:4' });
 */
export async function countCapacity(ecs: ECSClient, input: { cluster: string; taskDefinition: string }): Promise<Capacity> {
  const family = taskFamily(input.taskDefinition);
  const arns: string[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const listed = await ecs.send(new ListTasksCommand({ cluster: input.cluster, family, desiredStatus: 'RUNNING', maxResults: 100, nextToken }));
    arns.push(...(listed.taskArns ?? []));
    nextToken = listed.nextToken;
    if (!nextToken) break;
  }
  const capacity: Capacity = { running: 0, starting: 0, total: 0 };
  for (let i = 0; i < arns.length; i += 100) {
    const described = await ecs.send(new DescribeTasksCommand({ cluster: input.cluster, tasks: arns.slice(i, i + 100) }));
    for (const task of described.tasks ?? []) {
      if (task.desiredStatus !== 'RUNNING') continue;
      if (task.lastStatus === 'RUNNING') capacity.running++;
      else if (ON_THE_WAY.has(task.lastStatus ?? '')) capacity.starting++;
    }
  }
  capacity.total = capacity.running + capacity.starting;
  return capacity;
}
