import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureDevAuthKeys } from './dev-auth-keys';

/** The dotenv rules wrangler applies to these lines: NAME=value, surrounding single quotes removed. */
const parse = (text: string): Record<string, string> => Object.fromEntries([...text.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map(([, k, v]) => [k!, v!.replace(/^'(.*)'$/, '$1')]));

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function devVars(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'atoll-dev-vars-'));
  dirs.push(dir);
  writeFileSync(join(dir, '.dev.vars'), text);
  return join(dir, '.dev.vars');
}

describe('ensureDevAuthKeys (npm run dev)', () => {
  it('fills blank AUTH_JWT_* lines with a matching ES256 pair that dotenv reads back as JSON', async () => {
    const path = devVars('APP_ENV=development\nAUTH_JWT_PRIVATE_KEY=\nAUTH_JWT_PUBLIC_KEYS=\nSYSTEM_BUILD=dev\n');
    expect(await ensureDevAuthKeys(path)).toBe(true);
    const vars = parse(readFileSync(path, 'utf8'));
    const priv = JSON.parse(vars.AUTH_JWT_PRIVATE_KEY!);
    const pubs = JSON.parse(vars.AUTH_JWT_PUBLIC_KEYS!);
    expect(priv).toMatchObject({ kty: 'EC', crv: 'P-256', d: expect.any(String), kid: expect.any(String) });
    expect(pubs).toEqual([{ kty: 'EC', crv: 'P-256', x: priv.x, y: priv.y, kid: priv.kid, alg: 'ES256' }]);
    expect(vars.SYSTEM_BUILD).toBe('dev');
    expect(readFileSync(path, 'utf8').match(/^AUTH_JWT_PRIVATE_KEY=/gm)).toHaveLength(1);
  });

  it('appends the lines when missing, and leaves an existing key alone', async () => {
    const path = devVars('APP_ENV=development');
    expect(await ensureDevAuthKeys(path)).toBe(true);
    const first = readFileSync(path, 'utf8');
    expect(parse(first).APP_ENV).toBe('development');
    expect(await ensureDevAuthKeys(path)).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(first);
  });
});
