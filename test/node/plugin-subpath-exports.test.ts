// The narrow subpaths of the public plugin API, `atoll/plugin/db` (the drizzle pieces a plugin
// package declares tables and queries with) and `atoll/plugin/html` (markup without JSX), follow
// semver with `atoll/plugin`: every name is listed here and carries an @example. `atoll/plugin/db`
// exports table *builders* by design; what it must not export is a table, kernel's or otherwise.
import { join } from 'node:path';
import type ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProgram, type Export, exportsOf, problemsOf, root, withoutExample } from './export-surface';

const DB = join(root, 'worker/plugin/db.ts');
const HTML = join(root, 'worker/plugin/html.ts');

let checker: ts.TypeChecker;
let db: Export[];
let html: Export[];

beforeAll(() => {
  const program = createProgram([DB, HTML]);
  checker = program.getTypeChecker();
  db = exportsOf(checker, program.getSourceFile(DB)!);
  html = exportsOf(checker, program.getSourceFile(HTML)!);
});

describe('atoll/plugin/db (worker/plugin/db.ts)', () => {
  it('exports exactly these names: change the list on purpose, and version the change (docs/plugins.md)', () => {
    expect(db.map((e) => `${e.name}: ${e.kind}`).sort()).toEqual([
      'SQL: type',
      'and: value',
      'asc: value',
      'desc: value',
      'doublePrecision: value',
      'eq: value',
      'getTableColumns: value',
      'index: value',
      'integer: value',
      'jsonb: value',
      'pgTable: value',
      'sql: value',
      'text: value',
      'timestamp: value',
      'uuid: value',
    ]);
  });

  it('exports no table (only builders and operators) and nothing under durable-objects/', () => {
    // Builders return drizzle table types, so the kernel's "mentions a table" check does not apply;
    // instead every value must be callable (a builder, an operator, the sql tag): a table is not.
    const notCallable = db.filter((e) => e.kind === 'value' && checker.getTypeOfSymbol(e.symbol).getCallSignatures().length === 0);
    expect(notCallable.map((e) => e.name)).toEqual([]);
    const inDurableObjects = db.flatMap((e) => problemsOf(checker, e)).filter((p) => p.includes('durable-objects/'));
    expect(inDurableObjects).toEqual([]);
  });

  it('gives an @example to every export', () => {
    expect(withoutExample(checker, db)).toEqual([]);
  });
});

describe('atoll/plugin/html (worker/plugin/html.ts)', () => {
  it('exports exactly the html template tag, with an @example', () => {
    expect(html.map((e) => `${e.name}: ${e.kind}`)).toEqual(['html: value']);
    expect(withoutExample(checker, html)).toEqual([]);
  });
});
