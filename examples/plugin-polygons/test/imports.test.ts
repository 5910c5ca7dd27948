// The package is a third-party plugin: it may import only the public plugin API (`atoll/plugin` and
// its subpaths), its own declared dependencies and its own files. Vite reads every source file of
// the package at build time (`import.meta.glob`), so this runs in the Workers pool like the rest.
import { describe, expect, it } from 'vitest';
import manifest from '../package.json';

const sources = import.meta.glob(['../**/*.{ts,tsx,js,mjs,cjs,mts,cts}', '!../node_modules/**'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** Every module specifier a file names: static and type imports, re-exports, dynamic imports, requires. */
function specifiersOf(source: string): string[] {
  const patterns = [/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\b(?:import|require)\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1]!));
}

const declared = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });

const PACKAGE = 'file:///package/';
/** A glob key (relative to this folder, `test/`) as a URL inside the package. */
const urlOf = (file: string) => new URL(file, `${PACKAGE}test/`);

/**
 * Whether a file of this package may import `specifier`: a file inside the package, `atoll/plugin`
 * or a subpath of it, a declared dependency (atoll itself only through `atoll/plugin*`), the
 * package by its own name (documentation examples), or `vitest` from a test file.
 */
function allowed(specifier: string, file: string): boolean {
  if (specifier.startsWith('./') || specifier.startsWith('../')) return new URL(specifier, urlOf(file)).href.startsWith(PACKAGE);
  if (specifier === 'atoll/plugin' || specifier.startsWith('atoll/plugin/')) return true;
  if (specifier === 'vitest' && urlOf(file).href.startsWith(`${PACKAGE}test/`)) return true;
  const ok = (name: string) => specifier === name || specifier.startsWith(`${name}/`);
  return ok(manifest.name) || declared.some((dep) => dep !== 'atoll' && ok(dep));
}

describe('the polygons package imports only atoll/plugin*, its dependencies and its own files', () => {
  it('finds every source file and every import in them', () => {
    expect(Object.keys(sources)).toEqual(expect.arrayContaining(['../src/index.ts', '../src/runner.ts', '../src/db/schema.ts', './support.ts']));
    expect(Object.keys(sources).length).toBeGreaterThan(25);
    expect(specifiersOf(sources['../src/index.ts']!)).toContain('atoll/plugin');
  });

  it('has no other import', () => {
    // Vite leaves the importing file out of its glob: this one, which holds forbidden imports as test data.
    const offending = Object.entries(sources).flatMap(([file, source]) =>
      specifiersOf(source)
        .filter((s) => !allowed(s, file))
        .map((s) => `${file}: ${s}`),
    );
    expect(offending).toEqual([]);
  });

  it('would catch the imports a third-party plugin must not make', () => {
    const bad = [
      "import { eq } from 'drizzle-orm';",
      "import type { Hono } from 'hono';",
      "export { z } from 'zod';",
      "import '../../../worker/db/schema';",
      "const { authPlugin } = await import('atoll/plugins/auth');",
      "import { createApp } from 'atoll';",
      "const pg = require('pg');",
    ].join('\n');
    const refused = specifiersOf(bad).filter((s) => !allowed(s, '../src/bad.ts'));
    expect(refused.sort()).toEqual(['../../../worker/db/schema', 'atoll', 'atoll/plugins/auth', 'drizzle-orm', 'hono', 'pg', 'zod']);
    expect(allowed('vitest', '../src/bad.ts')).toBe(false);
    expect(['../geometry/polygon-area', '@turf/area', 'atoll/plugin/db', '@atoll-examples/plugin-polygons/runner'].every((s) => allowed(s, '../src/jobs/x.ts'))).toBe(true);
  });
});
