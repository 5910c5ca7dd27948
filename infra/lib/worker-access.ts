import { Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { RUNNER_FAMILY } from '../config';
import type { AtollRunner } from './runner';

/**
 * The Worker's AWS identity: an IAM user (a Worker cannot assume a role) whose access key the
 * Worker holds as `S3_*`, `JOBS_ECS_*` and `CLUSTER_ADMIN_*` secrets. Its one policy grants exactly
 * what the Worker's code sends (infra/test/worker-policy.test.ts derives that from the source):
 * objects under `tenants/` in its bucket, RunTask/ListTasks/DescribeTasks in its cluster,
 * DescribeServices/UpdateService on the runners' service, and passing the runner's two roles to ECS.
 */
export class AtollWorkerAccess extends Construct {
  readonly user: iam.User;
  readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: { bucket: s3.IBucket; runner: AtollRunner; clusterName: string }) {
    super(scope, id);
    const { bucket, runner, clusterName } = props;
    const stack = Stack.of(this);
    const inCluster = { ArnEquals: { 'ecs:cluster': runner.cluster.clusterArn } };

    this.user = new iam.User(this, 'User');
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'Atoll Worker: its bucket, runner tasks in its cluster, the runner service',
      users: [this.user],
      statements: [
        new iam.PolicyStatement({
          sid: 'BucketObjects',
          actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
          resources: [bucket.arnForObjects('tenants/*')],
        }),
        // HeadBucket (readiness) and ListObjects (file browser, tenant deletion).
        new iam.PolicyStatement({ sid: 'BucketList', actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
        new iam.PolicyStatement({
          sid: 'RunRunnerTasks',
          actions: ['ecs:RunTask'],
          resources: [stack.formatArn({ service: 'ecs', resource: 'task-definition', resourceName: `${RUNNER_FAMILY}:*` })],
          conditions: inCluster,
        }),
        new iam.PolicyStatement({
          sid: 'CountRunnerTasks',
          actions: ['ecs:ListTasks'],
          // ListTasks authorizes against container instances, which Fargate has none of: scoped by cluster instead.
          resources: ['*'],
          conditions: inCluster,
        }),
        new iam.PolicyStatement({
          sid: 'DescribeRunnerTasks',
          actions: ['ecs:DescribeTasks'],
          resources: [stack.formatArn({ service: 'ecs', resource: 'task', resourceName: `${clusterName}/*` })],
          conditions: inCluster,
        }),
        new iam.PolicyStatement({
          sid: 'RunnerService',
          actions: ['ecs:DescribeServices', 'ecs:UpdateService'],
          resources: [runner.service.serviceArn],
        }),
        new iam.PolicyStatement({
          sid: 'PassRunnerRoles',
          actions: ['iam:PassRole'],
          resources: [runner.taskRole.roleArn, runner.executionRole.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
        }),
      ],
    });

    const because = {
      objects: 'Object keys are tenant ids and file paths chosen at run time; the Worker owns every key under tenants/ and isolates tenants itself.',
      taskDefinition: 'RunTask names the family atoll-runner, whose revision changes with every deploy; the statement also requires this cluster.',
      listTasks: 'ListTasks only authorizes against container instances, which Fargate has none of; the ecs:cluster condition limits it to this cluster.',
      tasks: 'Task ids are assigned by ECS at launch; the resource is limited to tasks of this cluster.',
    };
    // Finding ids name the resource as cdk-nag prints it (unresolved parts in angle brackets).
    const ecsArn = `arn:<AWS::Partition>:ecs:${Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region}:<AWS::AccountId>`;
    Validations.of(this.policy).acknowledge(
      { id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(bucket)}.Arn>/tenants/*]`, reason: because.objects },
      { id: `AwsSolutions-IAM5[Resource::${ecsArn}:task-definition/${RUNNER_FAMILY}:*]`, reason: because.taskDefinition },
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: because.listTasks },
      { id: `AwsSolutions-IAM5[Resource::${ecsArn}:task/${clusterName}/*]`, reason: because.tasks },
    );
  }
}

/** The logical id cdk-nag prints for a bucket's ARN in a finding id (`<LogicalId.Arn>`). */
function logicalIdOf(bucket: s3.IBucket): string {
  const resource = bucket.node.defaultChild as { logicalId: string } | undefined;
  return Stack.of(bucket).resolve(resource?.logicalId ?? '') as string;
}
