import { rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environments } from './config';
import type { AtollStack } from './lib/atoll-stack';
import { actionsFor, commandsInSource, commandsSentByWorker } from './test/sdk-commands';
import { listOf, logicalId, type Statement, statementsOfUserPolicy, synthesizeApp } from './test/synthesize';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let app: ReturnType<typeof synthesizeApp>;
beforeAll(() => {
  app = synthesizeApp();
});
afterAll(() => rmSync(app.outdir, { recursive: true, force: true }));

const statementsOf = (stack: AtollStack) => statementsOfUserPolicy(app.templateOf(stack), logicalId(stack.workerAccess.user));
const actionsOf = (statements: Statement[]) => [...new Set(statements.flatMap((s) => listOf(s.Action)))].sort();
const withAction = (statements: Statement[], action: string) => statements.filter((s) => listOf(s.Action).includes(action));

describe("the Worker's IAM policy", () => {
  it('grants exactly the actions of the S3 and ECS commands the Worker code sends, in every environment', () => {
    const uses = commandsSentByWorker(repository);
    const needed = actionsFor(uses);
    // The scan must have found the storage adapter, the dispatcher and the cluster admin.
    expect(new Set(uses.map((u) => u.file.split('/').slice(0, 2).join('/')))).toEqual(new Set(['worker/storage', 'plugins/jobs', 'plugins/cluster-admin']));
    for (const stack of app.stacks) {
      expect(actionsOf(statementsOf(stack)), `${stack.stackName}: policy actions vs the commands in ${JSON.stringify(uses)}`).toEqual(needed);
    }
  });

  it('keeps every grant to its own bucket, cluster, service and the runner roles', () => {
    for (const stack of app.stacks) {
      const statements = statementsOf(stack);
      const bucket = logicalId(stack.storage.bucket);
      const cluster = { 'Fn::GetAtt': [logicalId(stack.runner.cluster), 'Arn'] };
      expect(statements.every((s) => s.Effect === 'Allow' && listOf(s.Action).every((a) => !a.includes('*')))).toBe(true);

      for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload']) {
        expect(withAction(statements, action).map((s) => s.Resource)).toEqual([{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucket, 'Arn'] }, '/tenants/*']] }]);
      }
      expect(withAction(statements, 's3:ListBucket').map((s) => s.Resource)).toEqual([{ 'Fn::GetAtt': [bucket, 'Arn'] }]);

      for (const action of ['ecs:RunTask', 'ecs:ListTasks', 'ecs:DescribeTasks']) {
        const [statement] = withAction(statements, action);
        expect(statement?.Condition, action).toEqual({ ArnEquals: { 'ecs:cluster': cluster } });
      }
      expect(JSON.stringify(withAction(statements, 'ecs:RunTask')[0]!.Resource)).toMatch(/:task-definition\/atoll-runner:\*"/);
      const { clusterName } = environments.find((e) => e.stackName === stack.stackName)!;
      expect(JSON.stringify(withAction(statements, 'ecs:DescribeTasks')[0]!.Resource)).toContain(`:task/${clusterName}/*"`);
      for (const action of ['ecs:DescribeServices', 'ecs:UpdateService']) {
        expect(withAction(statements, action).map((s) => s.Resource)).toEqual([{ Ref: logicalId(stack.runner.service) }]);
      }

      const [passRole] = withAction(statements, 'iam:PassRole');
      expect(passRole?.Resource).toEqual([{ 'Fn::GetAtt': [logicalId(stack.runner.taskRole), 'Arn'] }, { 'Fn::GetAtt': [logicalId(stack.runner.executionRole), 'Arn'] }]);
      expect(passRole?.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } });
    }
  });
});

describe('the command scan', () => {
  it('counts constructed value imports only, under their own name', () => {
    const source = `
      import { RunTaskCommand, ListTasksCommand as List, DescribeTasksCommand, type ECSClient } from '@aws-sdk/client-ecs';
      import type { StopTaskCommand } from '@aws-sdk/client-ecs';
      await ecs.send(new RunTaskCommand({}));
      await ecs.send(new List({}));`;
    expect(commandsInSource(source)).toEqual(['RunTaskCommand', 'ListTasksCommand']);
  });

  it('refuses import forms it cannot read', () => {
    expect(() => commandsInSource(`import * as ecs from '@aws-sdk/client-ecs';`)).toThrow(/not a plain named import/);
    expect(() => commandsInSource(`const s3 = require('@aws-sdk/client-s3');`)).toThrow(/require/);
  });

  it('fails on a command whose IAM actions it does not know', () => {
    expect(() => actionsFor([{ command: 'CreateBucketCommand', file: 'worker/x.ts' }])).toThrow(/CreateBucketCommand \(worker\/x.ts\)/);
  });
});
