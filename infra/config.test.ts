// infra/config.ts and wrangler.jsonc name the same things (the cluster, the service, the region, the
// task definition family): the Worker would otherwise dispatch into a cluster that does not exist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnvironment, repositoryRoot } from '../scripts/lib/wrangler-environments';
import { environments, RUNNER_FAMILY } from './config';

describe('infra/config.ts', () => {
  it('has the environments wrangler.jsonc deploys', () => {
    expect(environments.map((e) => e.name)).toEqual(['staging', 'production']);
  });

  it.each(environments)("agrees with the $name Worker's vars", (config) => {
    const { vars } = readEnvironment(config.name);
    expect({
      JOBS_ECS_CLUSTER: vars.JOBS_ECS_CLUSTER,
      CLUSTER_ADMIN_CLUSTER: vars.CLUSTER_ADMIN_CLUSTER,
      CLUSTER_ADMIN_SERVICE: vars.CLUSTER_ADMIN_SERVICE,
      S3_REGION: vars.S3_REGION,
      JOBS_ECS_REGION: vars.JOBS_ECS_REGION,
      CLUSTER_ADMIN_REGION: vars.CLUSTER_ADMIN_REGION,
      // The runners' subnets are public (no NAT gateway): tasks need a public address.
      JOBS_ECS_ASSIGN_PUBLIC_IP: vars.JOBS_ECS_ASSIGN_PUBLIC_IP,
    }).toEqual({
      JOBS_ECS_CLUSTER: config.clusterName,
      CLUSTER_ADMIN_CLUSTER: config.clusterName,
      CLUSTER_ADMIN_SERVICE: config.serviceName,
      S3_REGION: config.region,
      JOBS_ECS_REGION: config.region,
      CLUSTER_ADMIN_REGION: config.region,
      JOBS_ECS_ASSIGN_PUBLIC_IP: 'true',
    });
    expect(Number(vars.CLUSTER_ADMIN_MAX_DESIRED ?? 10)).toBeGreaterThanOrEqual(config.runnerBaseline);
  });

  it('registers the task definition family the built-in job types run', () => {
    const jobs = readFileSync(join(repositoryRoot, 'plugins/datasets/jobs.ts'), 'utf8');
    expect(/RUNNER_TASK_DEFINITION = '([^']+)'/.exec(jobs)?.[1]).toBe(RUNNER_FAMILY);
  });
});
