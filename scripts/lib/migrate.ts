import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

/** One ordered set of drizzle-kit migrations with its own journal table. */
export interface MigrationSet {
  /** `kernel` or a plugin id; names the journal table `atoll_migrations.<id>`. */
  id: string;
  folder: string;
}

export const JOURNAL_SCHEMA = 'atoll_migrations';

interface ManifestLike {
  id: string;
  requires?: readonly string[];
  migrations?: string;
}

/**
 * The kernel's set, then each installed plugin's in boot order. Loaded at run time so this Node
 * script shares the Worker's plugin list and ordering without type-checking Worker code here.
 * `root` is Atoll's own folder (the kernel's migrations; first-party plugins name their folders
 * relative to it); `pluginList` is the module exporting `installedPlugins`: Atoll's own
 * `worker/plugins.ts` by default, or a composed app's list (composed-app.ts).
 */
export async function installedMigrationSets(root: string, pluginList = join(root, 'worker/plugins.ts')): Promise<MigrationSet[]> {
  const load = (path: string) => import(pathToFileURL(path).href);
  const { installedPlugins } = (await load(pluginList)) as { installedPlugins: () => ManifestLike[] };
  const { orderPlugins } = (await load(join(root, 'worker/plugin/order.ts'))) as { orderPlugins: (m: ManifestLike[]) => ManifestLike[] };
  return migrationSetsFor(root, orderPlugins(installedPlugins()));
}

export function migrationSetsFor(root: string, ordered: readonly ManifestLike[]): MigrationSet[] {
  const sets: MigrationSet[] = [{ id: 'kernel', folder: join(root, 'migrations') }];
  for (const m of ordered) {
    if (!m.migrations) continue;
    const folder = m.migrations.startsWith('file:') ? fileURLToPath(m.migrations) : isAbsolute(m.migrations) ? m.migrations : join(root, m.migrations);
    if (!existsSync(join(folder, 'meta/_journal.json'))) {
      throw new Error(`plugin "${m.id}": migrations folder ${m.migrations} has no meta/_journal.json (generate it with drizzle-kit)`);
    }
    sets.push({ id: m.id, folder });
  }
  return sets;
}

export interface MigrationReport {
  id: string;
  applied: number;
  total: number;
}

/**
 * Applies each set in order, each with its own journal; already-applied migrations are skipped, so
 * running it again changes nothing. An advisory lock keeps two migrators from racing.
 */
export async function applyMigrations(connectionString: string, sets: readonly MigrationSet[]): Promise<MigrationReport[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const reports: MigrationReport[] = [];
  try {
    await client.query(`select pg_advisory_lock(hashtext('atoll:migrate'))`);
    const db = drizzle({ client });
    for (const set of sets) {
      const table = set.id.replace(/-/g, '_');
      const before = await countApplied(client, table);
      await migrate(db, { migrationsFolder: set.folder, migrationsSchema: JOURNAL_SCHEMA, migrationsTable: table });
      const after = await countApplied(client, table);
      reports.push({ id: set.id, applied: after - before, total: readMigrationFiles({ migrationsFolder: set.folder }).length });
    }
  } finally {
    await client.query(`select pg_advisory_unlock(hashtext('atoll:migrate'))`).catch(() => {});
    await client.end();
  }
  return reports;
}

async function countApplied(client: pg.Client, table: string): Promise<number> {
  const exists = await client.query('select to_regclass($1) as t', [`${JOURNAL_SCHEMA}.${table}`]);
  if (!exists.rows[0]?.t) return 0;
  const result = await client.query(`select count(*)::int as n from ${JOURNAL_SCHEMA}."${table}"`);
  return result.rows[0].n as number;
}
