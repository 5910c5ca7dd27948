import type { Service } from '@aws-sdk/client-ecs';
import { z } from 'atoll/plugin';

/** `family:revision` of a task definition ARN (the account id and region add nothing for an admin). */
const shortTaskDefinition = (arn: string | undefined) => (arn ? arn.slice(arn.lastIndexOf('/') + 1) : null);
const iso = (date: Date | undefined) => (date ? date.toISOString() : null);

export const DeploymentSchema = z.object({
  id: z.string(),
  status: z.string().openapi({ description: 'PRIMARY (the newest), ACTIVE (being replaced) or INACTIVE' }),
  rolloutState: z.string().nullable().openapi({ description: 'IN_PROGRESS, COMPLETED or FAILED' }),
  rolloutStateReason: z.string().nullable(),
  taskDefinition: z.string().nullable(),
  desiredCount: z.number().int(),
  runningCount: z.number().int(),
  pendingCount: z.number().int(),
  failedTasks: z.number().int(),
  createdAt: z.string().nullable().openapi({ format: 'date-time' }),
  updatedAt: z.string().nullable().openapi({ format: 'date-time' }),
});

export const ClusterStatusSchema = z
  .object({
    cluster: z.string(),
    service: z.string(),
    status: z.string().openapi({ description: 'ACTIVE, DRAINING or INACTIVE' }),
    desiredCount: z.number().int(),
    runningCount: z.number().int(),
    pendingCount: z.number().int(),
    taskDefinition: z.string().nullable(),
    deployments: z.array(DeploymentSchema),
    events: z.array(z.object({ id: z.string(), createdAt: z.string().nullable().openapi({ format: 'date-time' }), message: z.string() })).openapi({ description: 'Latest first' }),
  })
  .openapi('ClusterStatus');

export type ClusterStatus = z.output<typeof ClusterStatusSchema>;

/** An ECS service as the API shows it, with at most `events` of its latest events. */
export function presentService(cluster: string, service: Service, events: number): ClusterStatus {
  return {
    cluster,
    service: service.serviceName ?? '',
    status: service.status ?? 'UNKNOWN',
    desiredCount: service.desiredCount ?? 0,
    runningCount: service.runningCount ?? 0,
    pendingCount: service.pendingCount ?? 0,
    taskDefinition: shortTaskDefinition(service.taskDefinition),
    deployments: (service.deployments ?? []).map((d) => ({
      id: d.id ?? '',
      status: d.status ?? 'UNKNOWN',
      rolloutState: d.rolloutState ?? null,
      rolloutStateReason: d.rolloutStateReason ?? null,
      taskDefinition: shortTaskDefinition(d.taskDefinition),
      desiredCount: d.desiredCount ?? 0,
      runningCount: d.runningCount ?? 0,
      pendingCount: d.pendingCount ?? 0,
      failedTasks: d.failedTasks ?? 0,
      createdAt: iso(d.createdAt),
      updatedAt: iso(d.updatedAt),
    })),
    events: (service.events ?? []).slice(0, events).map((e) => ({ id: e.id ?? '', createdAt: iso(e.createdAt), message: e.message ?? '' })),
  };
}
