// `npm run dev`: embedded PostgreSQL + local S3 (s3rver), migrations, then `wrangler dev` with the
// Worker's cron trigger fired by a timer. Everything runs on loopback with data under .data/;
// Ctrl-C stops it all. With `--plugins <module>` it runs the Worker composed in the current folder
// instead of Atoll's own (docs/plugins.md "Composing your own Worker"); other arguments go to wrangler.
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDevAuthKeys } from './dev-auth-keys';
import { ATOLL_ROOT, composedAppFromArgs } from './lib/composed-app';
import { DEV_BUCKET, DEV_DATABASE_URL, DEV_PORTS } from './lib/dev-ports';
import { applyMigrations, installedMigrationSets } from './lib/migrate';
import { startS3 } from './lib/s3';
import { DEV_CRON, DEV_CRON_EVERY_MS, type ScheduledTimer, startScheduledTimer } from './lib/scheduled-timer';
import { onShutdown } from './lib/shutdown';
import { startSupervisedPostgres } from './lib/supervised-postgres';
import { spawnWrangler } from './lib/wrangler-process';

const { app, rest: wranglerArgs } = composedAppFromArgs(process.argv.slice(2));
const data = join(app.dir, '.data');
const say = (line: string) => console.log(`[dev] ${line}`);

if (!existsSync(join(app.dir, '.dev.vars'))) {
  copyFileSync(join(app.dir, '.dev.vars.example'), join(app.dir, '.dev.vars'));
  say('created .dev.vars from .dev.vars.example');
}
if (await ensureDevAuthKeys(join(app.dir, '.dev.vars'))) say('generated a dev ES256 key pair for access tokens (AUTH_JWT_* in .dev.vars)');

const postgres = await startSupervisedPostgres({ dataDir: join(data, 'postgres'), port: DEV_PORTS.postgres, persistent: true, say }).catch((error: Error) => {
  say(error.message); // Postgres's own log lines: a stack trace would only bury them
  process.exit(1);
});
say(`postgres  ${postgres.url}`);
const s3 = await startS3({ dataDir: join(data, 's3'), port: DEV_PORTS.s3, bucket: DEV_BUCKET });
say(`s3        ${s3.endpoint} (bucket ${DEV_BUCKET})`);
for (const r of await applyMigrations(postgres.url, await installedMigrationSets(ATOLL_ROOT, app.pluginList))) {
  say(`migrate   ${r.id}: ${r.applied} applied, ${r.total} in total`);
}

const wrangler = spawnWrangler(
  ['--config', app.config, '--ip', '127.0.0.1', '--port', String(DEV_PORTS.worker), '--test-scheduled', '--show-interactive-dev-session=false', ...wranglerArgs],
  // The socket guard learns the Hyperdrive target from here (the same URL as wrangler.jsonc's).
  { stdout: 'inherit', env: { CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: process.env.CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE || DEV_DATABASE_URL } },
);
const base = `http://127.0.0.1:${DEV_PORTS.worker}`;
say(`app       ${base}/   api docs ${base}/api/docs   openapi ${base}/api/openapi.json   ready ${base}/health/ready`);
say(`cron      "${DEV_CRON}" runs the Worker's scheduled handler (job lease sweep, ECS dispatch, …) every ${DEV_CRON_EVERY_MS / 1000} s`);
say('Ctrl-C stops everything');

let timer: ScheduledTimer | undefined;
let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  timer?.stop();
  await wrangler.stop();
  await s3.stop().catch(() => {});
  await postgres.stop().catch(() => {});
  say('stopped');
  process.exit(code);
}
onShutdown(() => stop(0));
wrangler.child.on('exit', (code) => void stop(code ?? 0));

// The first run shortly after the Worker answers (any status: a misconfigured Worker answers 503).
const until = Date.now() + 120_000;
while (!timer && !stopping && Date.now() < until) {
  const answered = await fetch(`${base}/health/live`, { signal: AbortSignal.timeout(5_000) }).then(
    () => true,
    () => false,
  );
  if (answered) timer = startScheduledTimer({ url: base, firstAfterMs: 1_000, log: say });
  else await new Promise((r) => setTimeout(r, 500));
}
if (!timer && !stopping) say('the Worker did not answer within 2 minutes: the cron timer is off');
