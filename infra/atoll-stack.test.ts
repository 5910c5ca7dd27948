import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environments, RUNNER_FAMILY } from './config';
import { createAtollApp } from './create-app';
import { listOf, logicalId, type Statement, synthesizeApp } from './test/synthesize';

let app: ReturnType<typeof synthesizeApp>;
beforeAll(() => {
  app = synthesizeApp();
});
afterAll(() => rmSync(app.outdir, { recursive: true, force: true }));

const each = () => app.stacks.map((stack) => ({ stack, template: app.templateOf(stack), config: environments.find((e) => e.stackName === stack.stackName)! }));

describe('synthesis', () => {
  it('synthesizes both environments offline with no unacknowledged cdk-nag (AwsSolutions) or CloudFormation finding', () => {
    expect(app.stacks.map((s) => s.stackName)).toEqual(['AtollStaging', 'AtollProduction']);
    // A failed check throws in synth (beforeAll); a report, when written, must list no violation.
    const report = join(app.outdir, 'validation-report.json');
    if (existsSync(report)) expect(JSON.parse(readFileSync(report, 'utf8')).pluginReports).toEqual([]);
  });

  it('is stopped by cdk-nag when a resource breaks an AwsSolutions rule', () => {
    const broken = new App({ outdir: join(app.outdir, 'broken') });
    new s3.Bucket(new Stack(broken, 'Broken'), 'Open', { enforceSSL: false });
    Validations.of(broken).addPlugins(new AwsSolutionsChecks(broken));
    expect(() => broken.synth()).toThrow(/AwsSolutions-S10/);
  });
});

describe('the file bucket', () => {
  it('is encrypted, versioned, private, TLS-only and logged', () => {
    for (const { stack, template } of each()) {
      template.hasResourceProperties('AWS::S3::Bucket', {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(stack.storage.logs) }, LogFilePrefix: 'files-access/' },
      });
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: logicalId(stack.storage.bucket) },
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
      template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ VersioningConfiguration: { Status: 'Enabled' } }) });
    }
  });

  it('expires what is temporary: incomplete multipart uploads, old versions, staging uploads and job results', () => {
    for (const { template, config } of each()) {
      template.hasResourceProperties('AWS::S3::Bucket', {
        LifecycleConfiguration: {
          Rules: [
            { Id: 'abort-incomplete-multipart', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' },
            { Id: 'expire-noncurrent-versions', NoncurrentVersionExpiration: { NoncurrentDays: config.noncurrentVersionDays }, Status: 'Enabled' },
            { Id: 'remove-expired-delete-markers', ExpiredObjectDeleteMarker: true, Status: 'Enabled' },
            { Id: 'expire-staging-uploads', TagFilters: [{ Key: 'atoll-lifecycle', Value: 'staging' }], ExpirationInDays: config.stagingUploadDays, Status: 'Enabled' },
            { Id: 'expire-job-results', TagFilters: [{ Key: 'atoll-lifecycle', Value: 'job-result' }], ExpirationInDays: config.jobResultDays, Status: 'Enabled' },
          ],
        },
      });
    }
  });

  it('lets the Worker origin PUT to presigned URLs from a browser, and nothing else cross-origin', () => {
    for (const { template, config } of each()) {
      template.hasResourceProperties('AWS::S3::Bucket', {
        CorsConfiguration: {
          CorsRules: [{ AllowedOrigins: [config.workerOrigin], AllowedMethods: ['PUT', 'GET', 'HEAD'], AllowedHeaders: ['content-type'], ExposedHeaders: ['ETag'], MaxAge: 3600 }],
        },
      });
    }
  });
});

describe('the runners', () => {
  it('run the ECR image as task definition family atoll-runner, logging to their log group, with the API key from Secrets Manager', () => {
    for (const { stack, template, config } of each()) {
      template.hasResourceProperties('AWS::ECR::Repository', { RepositoryName: `atoll-runner-${config.name}`, ImageScanningConfiguration: { ScanOnPush: true } });
      template.hasResourceProperties('AWS::ECS::Cluster', { ClusterName: config.clusterName, ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] });
      template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: `/atoll/${config.name}/runner`, RetentionInDays: Match.anyValue() });
      template.hasResourceProperties('AWS::ECS::TaskDefinition', {
        Family: RUNNER_FAMILY,
        RequiresCompatibilities: ['FARGATE'],
        NetworkMode: 'awsvpc',
        Cpu: String(config.runnerCpu),
        Memory: String(config.runnerMemoryMiB),
        TaskRoleArn: { 'Fn::GetAtt': [logicalId(stack.runner.taskRole), 'Arn'] },
        ContainerDefinitions: [
          Match.objectLike({
            Image: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([`:${config.runnerImageTag}`])]) }),
            LogConfiguration: { LogDriver: 'awslogs', Options: Match.objectLike({ 'awslogs-group': { Ref: logicalId(stack.runner.logGroup) } }) },
            Secrets: [{ Name: 'ATOLL_API_KEY', ValueFrom: { Ref: logicalId(stack.runner.apiKey) } }],
            Environment: Match.arrayWith([
              { Name: 'ATOLL_URL', Value: config.workerOrigin },
              { Name: 'RUNNER_IDLE_EXIT_SECONDS', Value: String(config.runnerIdleExitSeconds) },
            ]),
            StopTimeout: 30,
          }),
        ],
      });
      template.hasResourceProperties('AWS::ECS::Service', {
        ServiceName: config.serviceName,
        LaunchType: 'FARGATE',
        DesiredCount: config.runnerBaseline,
        DeploymentConfiguration: Match.objectLike({ DeploymentCircuitBreaker: { Enable: true, Rollback: true } }),
        NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'ENABLED' }) },
      });
    }
  });

  it('accept no inbound traffic and send only HTTPS', () => {
    for (const { template } of each()) {
      template.hasResourceProperties('AWS::EC2::SecurityGroup', {
        SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: Match.anyValue() }],
      });
      expect(JSON.stringify(template.findResources('AWS::EC2::SecurityGroup'))).not.toContain('SecurityGroupIngress');
      expect(template.findResources('AWS::EC2::SecurityGroupIngress')).toEqual({});
      template.resourceCountIs('AWS::EC2::NatGateway', 0);
      template.resourceCountIs('AWS::EC2::FlowLog', 1);
    }
  });

  it('have a task role with no permission, and an execution role that pulls their image, writes their logs and reads their key', () => {
    for (const { stack, template } of each()) {
      const taskRole = logicalId(stack.runner.taskRole);
      const attached = [...Object.values(template.findResources('AWS::IAM::Policy')), ...Object.values(template.findResources('AWS::IAM::ManagedPolicy'))].filter((p) =>
        JSON.stringify(p.Properties.Roles ?? []).includes(taskRole),
      );
      expect(attached).toEqual([]);
      expect(template.findResources('AWS::IAM::Role')[taskRole]!.Properties).not.toHaveProperty('ManagedPolicyArns');
      expect(template.findResources('AWS::IAM::Role')[taskRole]!.Properties).not.toHaveProperty('Policies');

      const executionRole = logicalId(stack.runner.executionRole);
      const [policy] = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.Roles).includes(executionRole));
      const grants = (policy!.Properties.PolicyDocument.Statement as Statement[]).map((s) => ({ actions: listOf(s.Action).sort(), resource: s.Resource }));
      expect(grants).toEqual([
        { actions: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], resource: { 'Fn::GetAtt': [logicalId(stack.runner.repository), 'Arn'] } },
        { actions: ['ecr:GetAuthorizationToken'], resource: '*' },
        { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resource: { 'Fn::GetAtt': [logicalId(stack.runner.logGroup), 'Arn'] } },
        { actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], resource: { Ref: logicalId(stack.runner.apiKey) } },
      ]);
    }
  });
});

describe('the runner image tag', () => {
  it('comes from the runnerImageTag context when given (the deploy workflow passes the git tag)', () => {
    const { stacks } = createAtollApp({ outdir: join(app.outdir, 'tagged'), context: { runnerImageTag: 'v1.2.3' } });
    Template.fromStack(stacks[1]!).hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Image: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([':v1.2.3'])]) }) })],
    });
    expect(() => createAtollApp({ outdir: join(app.outdir, 'bad-tag'), context: { runnerImageTag: 'v1 2' } })).toThrow(/not a Docker image tag/);
  });
});

describe('outputs', () => {
  it('name everything docs/deploy.md copies into wrangler.jsonc and the secrets', () => {
    for (const { template } of each()) {
      expect(Object.keys(template.findOutputs('*')).sort()).toEqual(
        ['BucketName', 'ClusterName', 'Region', 'RepositoryUri', 'RunnerApiKeySecret', 'SecurityGroupId', 'ServiceName', 'SubnetIds', 'WorkerUserName'].sort(),
      );
    }
  });
});
