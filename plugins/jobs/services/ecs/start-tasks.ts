import { type ECSClient, RunTaskCommand } from '@aws-sdk/client-ecs';

/** The `startedBy` tag of every task the dispatcher starts (visible in the ECS console and ListTasks). */
export const STARTED_BY = 'atoll-dispatcher';
/** The one logger method used (structural, so the node test can import this file without the kernel). */
export interface WarningLogger {
  warn(msg: string, fields?: Record<string, unknown>): void;
}

/** RunTask starts at most 10 tasks per call. */
const RUN_TASK_MAX = 10;

export interface StartTasksInput {
  cluster: string;
  taskDefinition: string;
  count: number;
  subnets: readonly string[];
  securityGroups: readonly string[];
  assignPublicIp: boolean;
}

/**
 * Starts `count` Fargate tasks, ten per RunTask call. Returns how many ECS accepted; failures it
 * reports (capacity, bad subnet, ...) are logged, and a call that throws stops the batch.
 *
 * @example
 * await startTasks(ecs, { cluster: 'atoll', taskDefinition: 'atoll-runner', count: 3, subnets: ['subnet-1'], securityGroups: [], assignPublicIp: false }, logger);
 */
export async function startTasks(ecs: ECSClient, input: StartTasksInput, logger: WarningLogger): Promise<number> {
  let started = 0;
  for (let remaining = input.count; remaining > 0; remaining -= RUN_TASK_MAX) {
    const count = Math.min(remaining, RUN_TASK_MAX);
    const result = await ecs.send(
      new RunTaskCommand({
        cluster: input.cluster,
        taskDefinition: input.taskDefinition,
        launchType: 'FARGATE',
        count,
        startedBy: STARTED_BY,
        networkConfiguration: {
          awsvpcConfiguration: {
            subnets: [...input.subnets],
            securityGroups: [...input.securityGroups],
            assignPublicIp: input.assignPublicIp ? 'ENABLED' : 'DISABLED',
          },
        },
      }),
    );
    started += result.tasks?.length ?? 0;
    for (const failure of result.failures ?? []) {
      logger.warn('ECS could not start a runner task', { taskDefinition: input.taskDefinition, reason: failure.reason, detail: failure.detail });
    }
  }
  return started;
}
