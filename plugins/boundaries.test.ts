/// <reference types="vite/types/importMeta.d.ts" />
import { is, Table } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { datasets } from './datasets/db/schema';

// Plugins meet through service refs and extension points only: a plugin's tables are its own, so
// that row-level security, ingestion invariants (a run's points replace the last run's atomically)
// and query shapes stay in one place. These checks keep it so for every first-party plugin.

const indexes = import.meta.glob<Record<string, unknown>>('./*/index.{ts,tsx}', { eager: true });
// Test files are left out: a test may look under another plugin's services (an RLS check of a table).
const sources = import.meta.glob<string>(['./**/*.{ts,tsx}', '!./**/*.test.{ts,tsx}'], { query: '?raw', import: 'default', eager: true });

const pluginOf = (file: string) => file.split('/')[1]!;
const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g;

/** `[file, import]` pairs where a file of one plugin imports a file under another plugin's `db/`. */
function foreignSchemaImports(files: Record<string, string>): [string, string][] {
  const found: [string, string][] = [];
  for (const [file, text] of Object.entries(files)) {
    for (const [, spec] of text.matchAll(IMPORT)) {
      if (!spec!.startsWith('.')) continue;
      const target = new URL(spec!, `file:///plugins/${file.slice(2)}`).pathname;
      const owner = /^\/plugins\/([^/]+)\/db(?:\/|$)/.exec(target)?.[1];
      if (owner && owner !== pluginOf(file)) found.push([file, spec!]);
    }
  }
  return found;
}

describe('plugin boundaries', () => {
  it('no plugin index exports a drizzle table', () => {
    // Every first-party plugin is seen (a glob that matched nothing would pass vacuously).
    expect(Object.keys(indexes).map(pluginOf)).toEqual(expect.arrayContaining(['analytics', 'auth', 'dashboards', 'datasets', 'jobs', 'projects', 'tenants']));
    expect(is(datasets, Table)).toBe(true);
    const tables = Object.entries(indexes).flatMap(([file, exports]) =>
      Object.entries(exports)
        .filter(([, value]) => is(value, Table))
        .map(([name]) => `${file}: ${name}`),
    );
    expect(tables).toEqual([]);
  });

  it("no plugin imports another plugin's db/schema", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
    expect(foreignSchemaImports(sources)).toEqual([]);
  });

  it('the scan sees such an import, relative or deep', () => {
    const files = {
      './analytics/services/x.ts': "import { datasets } from '../../datasets/db/schema';",
      './dashboards/views/y.tsx': 'import type { DatasetRow } from "../../datasets/db/schema.ts";\nexport { metricPoints } from \'../../datasets/db\';',
      './datasets/services/z.ts': "import { datasets } from '../db/schema';",
      './jobs/index.ts': "const m = await import('../auth/db/schema');",
    };
    expect(foreignSchemaImports(files)).toEqual([
      ['./analytics/services/x.ts', '../../datasets/db/schema'],
      ['./dashboards/views/y.tsx', '../../datasets/db/schema.ts'],
      ['./dashboards/views/y.tsx', '../../datasets/db'],
      ['./jobs/index.ts', '../auth/db/schema'],
    ]);
  });
});
