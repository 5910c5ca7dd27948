import { describe, expect, it } from 'vitest';
import { ecsEnabled, jobsConfigSchema } from './config';

const issuesOf = (env: Record<string, string>) => {
  const parsed = jobsConfigSchema.safeParse(env);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
};

describe('jobs settings', () => {
  it('leave ECS off by default', () => {
    const config = jobsConfigSchema.parse({});
    expect(ecsEnabled(config)).toBe(false);
    expect(config).toMatchObject({ ecsSubnets: [], dispatchMin: 0, dispatchMax: 10 });
  });

  it('need a subnet once a cluster is named, both access key halves or neither, and min <= max', () => {
    expect(issuesOf({ ecsCluster: 'atoll' })).toEqual(['ecsSubnets']);
    expect(issuesOf({ ecsCluster: 'atoll', ecsSubnets: 'subnet-1, subnet-2' })).toEqual([]);
    expect(issuesOf({ ecsAccessKeyId: 'AKIDEXAMPLE' })).toEqual(['ecsAccessKeyId']);
    expect(issuesOf({ dispatchMin: '5', dispatchMax: '4' })).toEqual(['dispatchMin']);
  });
});
