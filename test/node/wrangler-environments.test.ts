// The deployed environments of wrangler.jsonc, as wrangler resolves them: wrangler inherits no
// binding, var or secret into an environment, so each must list all of its own. Read through
// wrangler's own config reader; nothing is mocked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployedEnvironmentNames, placeholdersIn, readEnvironment, repositoryRoot } from '../../scripts/lib/wrangler-environments';

const local = readEnvironment();
const names = deployedEnvironmentNames();
const envs = names.map((name) => ({ name, config: readEnvironment(name) }));
const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
const deployGuide = readFileSync(join(repositoryRoot, 'docs/deploy.md'), 'utf8');

interface Consumer {
  queue: string;
  dead_letter_queue?: string;
  [setting: string]: unknown;
}
const consumersOf = (config: typeof local) => (config.queues.consumers ?? []) as Consumer[];

/** Secrets every deployed Worker needs; the ECS ones once its vars turn dispatch or cluster admin on. */
const requiredSecrets = (vars: Record<string, unknown>) => [
  'AUTH_JWT_PRIVATE_KEY',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  ...(vars.JOBS_ECS_CLUSTER ? ['JOBS_ECS_ACCESS_KEY_ID', 'JOBS_ECS_SECRET_ACCESS_KEY'] : []),
  ...(vars.CLUSTER_ADMIN_CLUSTER ? ['CLUSTER_ADMIN_ACCESS_KEY_ID', 'CLUSTER_ADMIN_SECRET_ACCESS_KEY'] : []),
];

describe('wrangler.jsonc environments', () => {
  it('are staging and production, deployed as Workers of their own', () => {
    expect(names).toEqual(['staging', 'production']);
    expect(envs.map((e) => e.config.name)).toEqual(['atoll-staging', 'atoll-production']);
  });

  it.each(envs)('$name serves /static/* as assets and every other path from the Worker first, minified', ({ config }) => {
    expect(config.assets).toEqual(local.assets);
    expect(config.assets?.run_worker_first).toEqual(['/*', '!/static/*']);
    expect(config.minify).toBe(true);
    expect(config.main).toBe(local.main);
    expect(config.compatibility_date).toBe(local.compatibility_date);
    expect(config.compatibility_flags).toEqual(local.compatibility_flags);
  });

  it.each(envs)('$name reaches Postgres through its own Hyperdrive config, or names DATABASE_URL as a secret', ({ config }) => {
    const secrets = config.secrets?.required ?? [];
    if (config.hyperdrive.length === 0) {
      expect(secrets).toContain('DATABASE_URL');
      return;
    }
    expect(config.hyperdrive).toEqual([{ binding: 'HYPERDRIVE', id: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
  });

  it.each(envs)('$name has its own task queue with a dead-letter queue, both consumed', ({ name, config }) => {
    const queue = `atoll-tasks-${name}`;
    expect(config.queues.producers).toEqual([{ binding: 'QUEUE', queue }]);
    const consumers = new Map(consumersOf(config).map((c) => [c.queue, c]));
    expect([...consumers.keys()]).toEqual([queue, `${queue}-dlq`]);
    expect(consumers.get(queue)?.dead_letter_queue).toBe(`${queue}-dlq`);
    // The same delivery settings as local development, whose tests exercise them.
    const [localTasks, localDlq] = consumersOf(local);
    expect({ ...consumers.get(queue), queue: 'x', dead_letter_queue: 'x' }).toEqual({ ...localTasks, queue: 'x', dead_letter_queue: 'x' });
    expect({ ...consumers.get(`${queue}-dlq`), queue: 'x' }).toEqual({ ...localDlq, queue: 'x' });
  });

  it.each(envs)('$name binds the Durable Objects with the same migrations and runs the same cron triggers', ({ config }) => {
    expect(config.durable_objects).toEqual(local.durable_objects);
    expect(config.migrations).toEqual(local.migrations);
    expect(config.triggers).toEqual(local.triggers);
  });

  it.each(envs)('$name lists the secrets it needs and keeps every secret out of vars', ({ config }) => {
    const secrets = config.secrets?.required ?? [];
    expect(secrets).toEqual(expect.arrayContaining(requiredSecrets(config.vars)));
    expect(new Set(secrets).size).toBe(secrets.length);
    for (const name of Object.keys(config.vars)) {
      expect(name, 'a secret-looking name under vars').not.toMatch(/SECRET|PRIVATE_KEY|ACCESS_KEY_ID|PASSWORD|DATABASE_URL|API_KEY/);
      expect(secrets).not.toContain(name);
    }
    expect(config.vars.APP_ENV).toBe('production');
  });

  it.each(envs)('$name documents every var and secret in the README and docs/deploy.md', ({ config }) => {
    for (const name of [...Object.keys(config.vars), ...(config.secrets?.required ?? [])]) {
      expect(readme, `README.md does not mention ${name}`).toContain(name);
      expect(deployGuide, `docs/deploy.md does not mention ${name}`).toContain(name);
    }
  });

  it('tells placeholders apart from real values (npm run deploy:check lists them; --strict refuses them)', () => {
    const config = {
      hyperdrive: [{ binding: 'HYPERDRIVE', id: '00000000000000000000000000000000' }],
      vars: { S3_BUCKET: 'REPLACE_WITH_BUCKET_NAME', S3_REGION: 'eu-west-1', JOBS_ECS_SUBNETS: 'subnet-0abc,subnet-0def', JOBS_DISPATCH_MAX: '10' },
    };
    expect(placeholdersIn(config)).toEqual(['hyperdrive HYPERDRIVE', 'vars S3_BUCKET']);
    expect(placeholdersIn({ hyperdrive: [{ binding: 'HYPERDRIVE', id: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' }], vars: {} })).toEqual([]);
  });
});
