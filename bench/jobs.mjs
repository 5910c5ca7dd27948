// `npm run bench:jobs`: runs bench/jobs.ts under tsx (it imports the TypeScript helpers in scripts/lib).
// Signals are forwarded so the benchmark can stop its Postgres, s3rver and wrangler processes.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'jobs.ts'), ...process.argv.slice(2)], {
  cwd: join(here, '..'),
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('error', (error) => {
  console.error(`[bench] could not start: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
