// The test kit (`atoll/plugin/testing`) is public API like `atoll/plugin` and follows semver with
// it: every name it exports is listed here, each carries an @example, and none is or mentions a
// drizzle table or a Durable Object's internals (the checks of ./export-surface.ts).
import { join } from 'node:path';
import type ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProgram, type Export, exportsOf, problemsOf, root, withoutExample } from './export-surface';

const ENTRY = join(root, 'worker/plugin/testing/index.ts');

let checker: ts.TypeChecker;
let exported: Export[];

beforeAll(() => {
  const program = createProgram([ENTRY]);
  checker = program.getTypeChecker();
  exported = exportsOf(checker, program.getSourceFile(ENTRY)!);
});

describe('atoll/plugin/testing (worker/plugin/testing/index.ts)', () => {
  it('exports exactly these names: change the list on purpose, and version the change (docs/plugins.md)', () => {
    expect(exported.map((e) => `${e.name}: ${e.kind}`).sort()).toEqual([
      'ConformanceOptions: type',
      'ResourceContext: type',
      'ResourceMaker: type',
      'Resources: type',
      'StartTestAtollOptions: type',
      'TestApiKey: type',
      'TestAtoll: type',
      'TestCaller: type',
      'TestIdentity: type',
      'TestTeam: type',
      'TestTenant: type',
      'TestUser: type',
      'runConformanceSuite: value',
      'startTestAtoll: value',
    ]);
  });

  it('exports no drizzle table and nothing under durable-objects/, not even inside a type', () => {
    const problems = exported.flatMap((e) => problemsOf(checker, e));
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('gives an @example to every export', () => {
    expect(exported.length).toBeGreaterThan(10);
    const missing = withoutExample(checker, exported);
    expect(missing, `no @example: ${missing.join(', ')}`).toEqual([]);
  });
});
