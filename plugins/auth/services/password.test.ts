import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, PBKDF2_ITERATIONS, verifyPassword } from './password';

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

/** Builds a hash the way another iteration count would have, with WebCrypto directly. */
async function hashWith(password: string, iterations: number) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256));
  return `pbkdf2-sha256$${iterations}$${b64(salt)}$${b64(bits)}`;
}

describe('password hashing', () => {
  it('uses exactly 100,000 PBKDF2-SHA256 iterations (the Workers production cap), a 16-byte salt and a 32-byte hash', async () => {
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    const hash = await hashPassword('correct horse battery');
    const [scheme, iterations, salt, digest, ...rest] = hash.split('$');
    expect(rest).toEqual([]);
    expect(scheme).toBe('pbkdf2-sha256');
    expect(iterations).toBe('100000');
    expect(atob(salt!).length).toBe(16);
    expect(atob(digest!).length).toBe(32);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password!')).not.toBe(await hashPassword('same password!'));
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('reads the iteration count from the stored hash (cost can change later)', async () => {
    const older = await hashWith('an older password', 50_000);
    expect(await verifyPassword('an older password', older)).toBe(true);
    expect(await verifyPassword('another password', older)).toBe(false);
  });

  it('never runs more than 100,000 iterations, nor trusts a malformed hash', async () => {
    expect(await verifyPassword('too costly!!', await hashWith('too costly!!', 100_001))).toBe(false);
    for (const bad of ['', 'plain', 'pbkdf2-sha256$100000$$', 'md5$1$a$b', 'pbkdf2-sha256$abc$AAAA$AAAA', `${DUMMY_HASH}$extra`]) {
      expect(await verifyPassword('anything at all', bad), bad).toBe(false);
    }
  });

  it('has a well-formed dummy hash that no password matches (for unknown accounts)', async () => {
    expect(DUMMY_HASH.split('$')[1]).toBe('100000');
    expect(await verifyPassword('correct horse battery', DUMMY_HASH)).toBe(false);
  });
});
