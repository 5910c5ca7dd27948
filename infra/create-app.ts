import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type AtollEnvironment, environments } from './config';
import { AtollStack } from './lib/atoll-stack';

/**
 * The CDK app: one stack per environment, checked at synthesis by cdk-nag's AwsSolutions rules and
 * CDK's CloudFormation validation (an unacknowledged finding stops `cdk synth` and the tests). The
 * stacks take their account from the deploying credentials and their region from infra/config.ts.
 *
 * @example
 * const { app, stacks } = createAtollApp({ outdir: mkdtempSync(join(tmpdir(), 'cdk-')) });
 * app.synth();
 */
export function createAtollApp(props: AppProps = {}, configs: readonly AtollEnvironment[] = environments) {
  const context = {
    // Access logs are delivered under a bucket policy, as S3 recommends, not through ACLs.
    [S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY]: true,
    // CDK's built-in offline template validation (schemas, Fargate sizes, ...) fails synthesis
    // instead of printing warnings: the cfn-lint check this machine cannot install.
    '@aws-cdk/core:validateAgainstDefaultRules': true,
    ...props.context,
  };
  const app = new App({ ...props, context });
  const stacks = configs.map((config) => new AtollStack(app, config, { env: { region: config.region } }));
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stacks };
}
