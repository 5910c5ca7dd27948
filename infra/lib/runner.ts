import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { type AtollEnvironment, RUNNER_FAMILY } from '../config';

/**
 * The job runners: an ECR repository for the image (runner/Dockerfile), a VPC with public subnets
 * only (tasks get a public address to reach the Worker and ECR; no NAT gateway to pay for, and no
 * inbound rule), the ECS cluster, the Fargate task definition family `atoll-runner` and its service.
 * The runner holds no AWS permission: it reaches S3 only through URLs the Worker presigns.
 */
export class AtollRunner extends Construct {
  readonly repository: ecr.Repository;
  readonly vpc: ec2.Vpc;
  readonly securityGroup: ec2.SecurityGroup;
  readonly cluster: ecs.Cluster;
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly taskRole: iam.Role;
  readonly executionRole: iam.IRole;
  readonly service: ecs.FargateService;
  readonly apiKey: secretsmanager.Secret;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, config: AtollEnvironment, flowLogs: s3.IBucket) {
    super(scope, id);

    this.repository = new ecr.Repository(this, 'Images', {
      repositoryName: `atoll-runner-${config.name}`,
      imageScanOnPush: true,
      // Mutable: the cluster admin's "redeploy" picks up a new image pushed under the same tag.
      imageTagMutability: ecr.TagMutability.MUTABLE,
      lifecycleRules: [{ description: 'keep the last 20 images', maxImageCount: 20 }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 }],
      flowLogs: { all: { destination: ec2.FlowLogDestination.toS3(flowLogs, 'vpc-flow-logs/'), trafficType: ec2.FlowLogTrafficType.ALL } },
    });
    this.securityGroup = new ec2.SecurityGroup(this, 'Tasks', {
      vpc: this.vpc,
      description: 'Atoll runner tasks: no inbound traffic; outbound HTTPS to the Worker and ECR',
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to the Worker, ECR and CloudWatch Logs');

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      clusterName: config.clusterName,
      vpc: this.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/atoll/${config.name}/runner`,
      retention: retentionOf(config.logDays),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // An Atoll API key (`atk_…`, scope jobs:work, of the JOBS_RUNNER_TENANT tenant), set after the
    // first deploy with `aws secretsmanager put-secret-value` (docs/deploy.md).
    this.apiKey = new secretsmanager.Secret(this, 'ApiKey', {
      secretName: `atoll/${config.name}/runner-api-key`,
      description: 'ATOLL_API_KEY of the Atoll runner tasks (an Atoll API key with the jobs:work scope)',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.apiKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'The value is an Atoll API key, issued and revoked through the Atoll API (docs/operations.md, key rotation); no Secrets Manager rotation function can mint one.',
    });

    this.taskRole = new iam.Role(this, 'TaskRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Atoll runner task role: no permissions (logs go through the execution role, S3 through presigned URLs)',
    });

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      family: RUNNER_FAMILY,
      cpu: config.runnerCpu,
      memoryLimitMiB: config.runnerMemoryMiB,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
      taskRole: this.taskRole,
    });
    this.taskDefinition.addContainer('runner', {
      image: ecs.ContainerImage.fromEcrRepository(this.repository, config.runnerImageTag),
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'runner' }),
      environment: {
        ATOLL_URL: config.workerOrigin,
        RUNNER_CONCURRENCY: String(config.runnerConcurrency),
        RUNNER_IDLE_EXIT_SECONDS: String(config.runnerIdleExitSeconds),
        RUNNER_GRACE_SECONDS: '25',
      },
      secrets: { ATOLL_API_KEY: ecs.Secret.fromSecretsManager(this.apiKey) },
      // SIGTERM, then SIGKILL after this: above RUNNER_GRACE_SECONDS so running jobs can be released.
      stopTimeout: Duration.seconds(30),
    });
    Validations.of(this.taskDefinition).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason: 'The environment holds only non-secret settings (origin, concurrency, timeouts); the API key comes from Secrets Manager.',
    });
    this.executionRole = this.taskDefinition.obtainExecutionRole();
    Validations.of(this.executionRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ecr:GetAuthorizationToken, which ECS needs to pull the image, has no resource-level permissions; the pull actions are limited to this repository.',
    });

    this.service = new ecs.FargateService(this, 'Service', {
      serviceName: config.serviceName,
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount: config.runnerBaseline,
      assignPublicIp: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroups: [this.securityGroup],
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { rollback: true },
    });
  }
}

/** The CloudWatch retention closest to `days` from above (CloudWatch accepts only some values). */
function retentionOf(days: number): logs.RetentionDays {
  const allowed = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
  return (allowed.find((d) => d >= days) ?? 3653) as logs.RetentionDays;
}
