// `npm run db:generate [-- <plugin-id>] [--name <label>]`: drizzle-kit SQL migrations from a schema.
// Without a plugin id: the kernel (worker/db/schema.ts -> migrations/). With one: the plugin's
// plugins/<id>/db/schema.ts -> plugins/<id>/migrations/, its own set with its own journal.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const nameAt = args.indexOf('--name');
const name = nameAt >= 0 ? args[nameAt + 1] : undefined;
const pluginId = args.find((a, i) => !a.startsWith('--') && i !== nameAt + 1);

const drizzleKit = join(root, 'node_modules/drizzle-kit/bin.cjs');
const extra = name ? ['--name', name] : [];
let command: string[];
if (!pluginId) {
  command = [drizzleKit, 'generate', ...extra];
} else {
  if (!/^[a-z][a-z0-9-]*$/.test(pluginId)) throw new Error(`"${pluginId}" is not a plugin id`);
  const schema = join('plugins', pluginId, 'db/schema.ts');
  if (!existsSync(join(root, schema))) throw new Error(`${schema} does not exist`);
  command = [drizzleKit, 'generate', '--dialect', 'postgresql', '--schema', schema, '--out', join('plugins', pluginId, 'migrations'), ...extra];
}
const result = spawnSync(process.execPath, command, { cwd: root, stdio: 'inherit' });
process.exitCode = result.status ?? 1;
