/**
 * The AWS side of each deployed environment. Names here are also in wrangler.jsonc (the Worker's
 * `JOBS_ECS_*` and `CLUSTER_ADMIN_*` vars); `infra/test/wrangler-agreement.test.ts` checks they agree.
 * Values written `example.com` are placeholders: put your Worker's origin (docs/deploy.md).
 */
export interface AtollEnvironment {
  /** `staging` or `production`: the wrangler environment of the same name. */
  readonly name: 'staging' | 'production';
  /** CloudFormation stack name. */
  readonly stackName: string;
  /**
   * AWS region. Deploy each environment to its own account (or at least its own region): the job
   * types name the task definition family `atoll-runner` (plugins/datasets/jobs.ts), and RunTask by
   * family takes its latest revision in the account and region, whichever stack registered it.
   */
  readonly region: string;
  /** The Worker's origin: the runner's `ATOLL_URL`, and the browser origin allowed to PUT presigned uploads. */
  readonly workerOrigin: string;
  /** Other browser origins that upload to presigned URLs (API clients' web apps). */
  readonly extraUploadOrigins: readonly string[];
  readonly clusterName: string;
  /** The runners' ECS service (`CLUSTER_ADMIN_SERVICE`). */
  readonly serviceName: string;
  /** Tasks the service keeps running; `cdk deploy` resets it, the cluster admin changes it in between. */
  readonly runnerBaseline: number;
  readonly runnerCpu: 256 | 512 | 1024 | 2048 | 4096;
  readonly runnerMemoryMiB: number;
  /** `RUNNER_CONCURRENCY`: jobs one task runs at once. */
  readonly runnerConcurrency: number;
  /** `RUNNER_IDLE_EXIT_SECONDS`: tasks the dispatcher started stop after this long without work. */
  readonly runnerIdleExitSeconds: number;
  /** Image tag the task definition runs (docs/deploy.md pushes it). */
  readonly runnerImageTag: string;
  /** Days an overwritten or deleted object's old version is kept. */
  readonly noncurrentVersionDays: number;
  /** Days objects tagged `atoll-lifecycle=staging` (abandoned presigned uploads) are kept. */
  readonly stagingUploadDays: number;
  /** Days objects tagged `atoll-lifecycle=job-result` are kept. */
  readonly jobResultDays: number;
  /** Days the runner's and the access logs are kept. */
  readonly logDays: number;
}

/** Task definition family the built-in job types name (`RUNNER_TASK_DEFINITION` in plugins/datasets/jobs.ts). */
export const RUNNER_FAMILY = 'atoll-runner';

export const environments: readonly AtollEnvironment[] = [
  {
    name: 'staging',
    stackName: 'AtollStaging',
    region: 'us-east-1',
    workerOrigin: 'https://atoll-staging.example.com',
    extraUploadOrigins: [],
    clusterName: 'atoll-staging',
    serviceName: 'atoll-runner',
    runnerBaseline: 0,
    runnerCpu: 512,
    runnerMemoryMiB: 1024,
    runnerConcurrency: 2,
    runnerIdleExitSeconds: 300,
    runnerImageTag: 'latest',
    noncurrentVersionDays: 7,
    stagingUploadDays: 2,
    jobResultDays: 7,
    logDays: 14,
  },
  {
    name: 'production',
    stackName: 'AtollProduction',
    region: 'us-east-1',
    workerOrigin: 'https://atoll.example.com',
    extraUploadOrigins: [],
    clusterName: 'atoll-production',
    serviceName: 'atoll-runner',
    runnerBaseline: 0,
    runnerCpu: 1024,
    runnerMemoryMiB: 2048,
    runnerConcurrency: 2,
    runnerIdleExitSeconds: 300,
    runnerImageTag: 'latest',
    noncurrentVersionDays: 30,
    stagingUploadDays: 2,
    jobResultDays: 30,
    logDays: 90,
  },
];
