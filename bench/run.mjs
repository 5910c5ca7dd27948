// `npm run bench[:<name>]`: runs bench/<name>.ts under tsx (the benchmarks import the TypeScript
// helpers in scripts/lib). Signals are forwarded so a benchmark can stop its Postgres, s3rver,
// wrangler and clients.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [name, ...args] = process.argv.slice(2);
const script = join(here, `${name}.ts`);
if (!name || !/^[a-z-]+$/.test(name) || !existsSync(script)) {
  console.error(`[bench] usage: node bench/run.mjs <api|ingest|realtime|jobs|chat> (no bench/${name}.ts)`);
  process.exit(2);
}
const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: join(here, '..'), stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('error', (error) => {
  console.error(`[bench:${name}] could not start: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
