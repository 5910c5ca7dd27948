import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { createAtollApp } from '../create-app';
import type { AtollStack } from '../lib/atoll-stack';

/** Synthesizes the whole app (cdk-nag and CloudFormation validation included) into a temporary folder, which the caller removes. */
export function synthesizeApp() {
  const outdir = mkdtempSync(join(tmpdir(), 'atoll-cdk-'));
  const { app, stacks } = createAtollApp({ outdir });
  app.synth();
  return { outdir, stacks, templateOf: (stack: AtollStack) => Template.fromStack(stack) };
}

/** The logical id of a construct's CloudFormation resource, as `Ref` and `Fn::GetAtt` name it. */
export const logicalId = (construct: IConstruct): string => Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);

export interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export const listOf = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** The statements of the one managed policy attached to `userId`. */
export function statementsOfUserPolicy(template: Template, userId: string): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy')).filter((p) => JSON.stringify(p.Properties.Users ?? []).includes(JSON.stringify({ Ref: userId })));
  if (policies.length !== 1) throw new Error(`expected one managed policy on ${userId}, found ${policies.length}`);
  return policies[0]!.Properties.PolicyDocument.Statement as Statement[];
}
