// `npm run deploy:check [-- --strict] [env…]`: bundles each deployed environment with
// `wrangler deploy --dry-run` (offline: no account, no network) and prints its size. Fails when a
// build fails, a bundle is over the gzip budget, or (with --strict, before a real deploy) an
// environment still holds placeholder ids or values.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BundleSize, measureBundle } from './lib/bundle-size';
import { deployedEnvironmentNames, OFFLINE_WRANGLER_ENV, placeholdersIn, readEnvironment, repositoryRoot } from './lib/wrangler-environments';

/** Gzip budget per bundle: well under Workers' 3 MiB (free) / 10 MiB (paid) limits, so growth is noticed early. */
const MAX_GZIP_KIB = Number(process.env.DEPLOY_CHECK_MAX_GZIP_KIB || 1024);
const wranglerBin = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');

interface Result {
  env: string;
  size: BundleSize;
  placeholders: string[];
}

function dryRun(env: string, outdir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wranglerBin, 'deploy', '--dry-run', '--outdir', outdir, '--env', env], {
      cwd: repositoryRoot,
      env: { ...process.env, ...OFFLINE_WRANGLER_ENV, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`wrangler deploy --dry-run --env ${env} exited ${code}:\n${output}`))));
  });
}

async function check(env: string): Promise<Result> {
  const outdir = mkdtempSync(join(tmpdir(), `atoll-deploy-${env}-`));
  try {
    await dryRun(env, outdir);
    return { env, size: measureBundle(outdir), placeholders: placeholdersIn(readEnvironment(env)) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main() {
  const args = process.argv.slice(2);
  const strict = args.includes('--strict');
  const known = deployedEnvironmentNames();
  const envs = args.filter((a) => !a.startsWith('--'));
  const unknown = envs.filter((e) => !known.includes(e));
  if (unknown.length > 0) throw new Error(`unknown environment ${unknown.join(', ')} (wrangler.jsonc has ${known.join(', ')})`);

  const started = Date.now();
  // Both builds at once: each is mostly one esbuild process.
  const results = await Promise.all((envs.length > 0 ? envs : known).map(check));
  console.log(`wrangler deploy --dry-run, offline (${((Date.now() - started) / 1000).toFixed(1)} s):`);
  const problems: string[] = [];
  for (const { env, size, placeholders } of results) {
    console.log(`  ${env.padEnd(12)} ${size.files} module(s)  ${kib(size.bytes).padStart(12)}  gzip ${kib(size.gzipBytes).padStart(11)}  (budget ${MAX_GZIP_KIB} KiB)`);
    if (placeholders.length > 0) console.log(`  ${''.padEnd(12)} placeholders left: ${placeholders.join(', ')} (docs/deploy.md)`);
    if (size.gzipBytes > MAX_GZIP_KIB * 1024) problems.push(`${env}: gzip ${kib(size.gzipBytes)} is over the ${MAX_GZIP_KIB} KiB budget`);
    if (strict && placeholders.length > 0) problems.push(`${env}: placeholders left (${placeholders.join(', ')})`);
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

main().catch((error: unknown) => {
  console.error(`deploy:check failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
