// `npm run dev`: embedded PostgreSQL + local S3 (s3rver), migrations, then `wrangler dev`.
// Everything runs on loopback with data under .data/; Ctrl-C stops it all.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDevAuthKeys } from './dev-auth-keys';
import { DEV_BUCKET, DEV_PORTS } from './lib/dev-ports';
import { applyMigrations, installedMigrationSets } from './lib/migrate';
import { startPostgres } from './lib/postgres';
import { startS3 } from './lib/s3';
import { onShutdown } from './lib/shutdown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = join(root, '.data');
const say = (line: string) => console.log(`[dev] ${line}`);

if (!existsSync(join(root, '.dev.vars'))) {
  copyFileSync(join(root, '.dev.vars.example'), join(root, '.dev.vars'));
  say('created .dev.vars from .dev.vars.example');
}
if (await ensureDevAuthKeys(join(root, '.dev.vars'))) say('generated a dev ES256 key pair for access tokens (AUTH_JWT_* in .dev.vars)');

const postgres = await startPostgres({ dataDir: join(data, 'postgres'), port: DEV_PORTS.postgres, persistent: true }).catch((error: Error) => {
  say(error.message); // Postgres's own log lines: a stack trace would only bury them
  process.exit(1);
});
say(`postgres  ${postgres.url}`);
const s3 = await startS3({ dataDir: join(data, 's3'), port: DEV_PORTS.s3, bucket: DEV_BUCKET });
say(`s3        ${s3.endpoint} (bucket ${DEV_BUCKET})`);
for (const r of await applyMigrations(postgres.url, await installedMigrationSets(root))) {
  say(`migrate   ${r.id}: ${r.applied} applied, ${r.total} in total`);
}

const wrangler = spawn(
  process.execPath,
  ['--require', join(root, 'scripts/lib/socket-reset-guard.cjs'), join(root, 'node_modules/wrangler/bin/wrangler.js'), 'dev', '--ip', '127.0.0.1', '--port', String(DEV_PORTS.worker), ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: ['inherit', 'inherit', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  },
);
const base = `http://127.0.0.1:${DEV_PORTS.worker}`;
say(`app       ${base}/   api docs ${base}/api/docs   openapi ${base}/api/openapi.json   ready ${base}/health/ready`);
say('Ctrl-C stops everything');

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  if (wrangler.exitCode === null) {
    wrangler.kill('SIGTERM');
    await new Promise((resolve) => {
      const timer = setTimeout(() => { wrangler.kill('SIGKILL'); resolve(undefined); }, 5_000);
      wrangler.once('exit', () => { clearTimeout(timer); resolve(undefined); });
    });
  }
  await s3.stop().catch(() => {});
  await postgres.stop().catch(() => {});
  say('stopped');
  process.exit(code);
}
onShutdown(() => stop(0));
wrangler.on('exit', (code) => void stop(code ?? 0));
