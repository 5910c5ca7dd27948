// worker-configuration.d.ts is what `npm run types` (wrangler types) makes of wrangler.jsonc today:
// the same command writes a second copy beside it, and the two must be the same text.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { OFFLINE_WRANGLER_ENV, repositoryRoot } from '../../scripts/lib/wrangler-environments';

const CHECKED_IN = 'worker-configuration.d.ts';

it('worker-configuration.d.ts is current: run `npm run types` after changing wrangler.jsonc', () => {
  const script = (JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.types!;
  const args = script.split(/\s+/);
  expect(args.slice(0, 3), script).toEqual(['wrangler', 'types', CHECKED_IN]);
  // Beside the checked-in file, so the import paths it writes (`./worker/index`) come out the same.
  const fresh = `.worker-configuration.${process.pid}.d.ts`;
  try {
    execFileSync(process.execPath, [createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js'), 'types', fresh, ...args.slice(3)], {
      cwd: repositoryRoot,
      env: { ...process.env, ...OFFLINE_WRANGLER_ENV, CI: 'true' },
      stdio: 'pipe',
    });
    const generated = readFileSync(join(repositoryRoot, fresh), 'utf8').replace(`wrangler types ${fresh} `, `wrangler types ${CHECKED_IN} `);
    const checkedIn = readFileSync(join(repositoryRoot, CHECKED_IN), 'utf8');
    expect(checkedIn, 'worker-configuration.d.ts is stale: run `npm run types` and commit the result').toBe(generated);
  } finally {
    rmSync(join(repositoryRoot, fresh), { force: true });
  }
});
