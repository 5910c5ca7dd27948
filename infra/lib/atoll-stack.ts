import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { AtollEnvironment } from '../config';
import { AtollRunner } from './runner';
import { AtollStorage } from './storage';
import { AtollWorkerAccess } from './worker-access';

/**
 * Everything one Atoll environment needs on AWS. Its outputs are what the Worker's wrangler
 * environment and the runner image push need (docs/deploy.md says where each goes).
 */
export class AtollStack extends Stack {
  readonly storage: AtollStorage;
  readonly runner: AtollRunner;
  readonly workerAccess: AtollWorkerAccess;

  constructor(scope: Construct, config: AtollEnvironment, props: StackProps = {}) {
    super(scope, config.stackName, {
      description: `Atoll ${config.name}: file bucket, job runners on ECS Fargate, the Worker's IAM user`,
      ...props,
    });
    this.storage = new AtollStorage(this, 'Storage', config);
    this.runner = new AtollRunner(this, 'Runner', { ...config, runnerImageTag: imageTagOf(this, config) }, this.storage.logs);
    this.workerAccess = new AtollWorkerAccess(this, 'Worker', { bucket: this.storage.bucket, runner: this.runner, clusterName: config.clusterName });

    const output = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    output('BucketName', this.storage.bucket.bucketName, 'wrangler vars S3_BUCKET');
    output('Region', this.region, 'wrangler vars S3_REGION, JOBS_ECS_REGION, CLUSTER_ADMIN_REGION');
    output('ClusterName', this.runner.cluster.clusterName, 'wrangler vars JOBS_ECS_CLUSTER, CLUSTER_ADMIN_CLUSTER');
    output('ServiceName', this.runner.service.serviceName, 'wrangler vars CLUSTER_ADMIN_SERVICE');
    output('SubnetIds', this.runner.vpc.publicSubnets.map((s) => s.subnetId).join(','), 'wrangler vars JOBS_ECS_SUBNETS');
    output('SecurityGroupId', this.runner.securityGroup.securityGroupId, 'wrangler vars JOBS_ECS_SECURITY_GROUPS');
    output('WorkerUserName', this.workerAccess.user.userName, 'aws iam create-access-key --user-name <this>; the key goes into the S3_*, JOBS_ECS_* and CLUSTER_ADMIN_* secrets');
    output('RepositoryUri', this.runner.repository.repositoryUri, 'docker push target of the runner image');
    output('RunnerApiKeySecret', this.runner.apiKey.secretName, 'aws secretsmanager put-secret-value --secret-id <this> --secret-string atk_…');
  }
}

/** The runner image tag: `cdk deploy -c runnerImageTag=<tag>` (the deploy workflow passes the git tag), else the config's. */
function imageTagOf(stack: Stack, config: AtollEnvironment): string {
  const tag: unknown = stack.node.tryGetContext('runnerImageTag') ?? config.runnerImageTag;
  if (typeof tag !== 'string' || !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) throw new Error(`runnerImageTag ${JSON.stringify(tag)} is not a Docker image tag`);
  return tag;
}
