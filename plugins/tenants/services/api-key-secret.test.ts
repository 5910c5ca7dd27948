import { describe, expect, it } from 'vitest';
import { hashSecret, keyIdOf, newSecret, sameDigest } from './api-key-secret';

describe('API key secrets', () => {
  it('embeds the key id and 32 random bytes, and parses the id back', () => {
    const id = crypto.randomUUID();
    const secret = newSecret(id);
    expect(secret).toMatch(/^atk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(keyIdOf(secret)).toBe(id);
    expect(newSecret(id)).not.toBe(secret);
  });

  it('rejects anything not shaped like a secret', () => {
    for (const bad of ['', 'atk_', 'atk_xyz_abc', `atk_${'0'.repeat(32)}_short`, `ATK_${'0'.repeat(32)}_${'a'.repeat(43)}`, `atk_${'0'.repeat(32)}_${'a'.repeat(44)}`]) {
      expect(keyIdOf(bad), bad).toBeNull();
    }
  });

  it('hashes with SHA-256 (hex) and compares digests exactly', async () => {
    expect(await hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sameDigest('ab', 'ab')).toBe(true);
    expect(sameDigest('ab', 'ac')).toBe(false);
    expect(sameDigest('ab', 'abc')).toBe(false);
  });
});
