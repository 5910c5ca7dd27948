// `npm run db:migrate`: applies the kernel's and every installed plugin's migrations, in order.
// Uses DATABASE_URL, else the local dev database that `npm run dev` starts. With `--plugins
// <module>`, the plugins are those of the Worker composed in the current folder (composed-app.ts).
import { ATOLL_ROOT, composedAppFromArgs } from './lib/composed-app';
import { DEV_DATABASE_URL } from './lib/dev-ports';
import { applyMigrations, installedMigrationSets } from './lib/migrate';

const url = process.env.MIGRATE_DATABASE_URL || process.env.DATABASE_URL || DEV_DATABASE_URL;

try {
  const { app } = composedAppFromArgs(process.argv.slice(2));
  const reports = await applyMigrations(url, await installedMigrationSets(ATOLL_ROOT, app.pluginList));
  for (const r of reports) console.log(`migrate: ${r.id}: ${r.applied} applied, ${r.total} in total`);
} catch (error) {
  console.error(`migrate: failed: ${error instanceof Error ? error.message : String(error)}`);
  if (url === DEV_DATABASE_URL) console.error('migrate: is the dev database running? Start it with `npm run dev`.');
  process.exitCode = 1;
}
