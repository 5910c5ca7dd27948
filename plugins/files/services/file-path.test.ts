import { describe, expect, it } from 'vitest';
import { MAX_PATH_BYTES, parsePath } from './file-path';
import { keyOf } from './keys';

const where = { location: 'body', field: 'path' };
const rejects = (raw: unknown, kind: 'file' | 'folder' | 'prefix' = 'file') => {
  try {
    parsePath(raw, kind, where);
  } catch (error) {
    expect(error).toMatchObject({ kind: 'validation', code: 'FILES_INVALID_PATH', errors: [{ location: 'body', path: 'path' }] });
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(raw)}`);
};

describe('parsePath', () => {
  it('accepts relative paths and normalises them to NFC', () => {
    expect(parsePath('reports/2024/q1.csv', 'file', where)).toBe('reports/2024/q1.csv');
    expect(parsePath('e\u0301t\u00e9.txt', 'file', where)).toBe('\u00e9t\u00e9.txt');
    expect(parsePath('my file (1).txt', 'file', where)).toBe('my file (1).txt');
    expect(parsePath('...hidden', 'file', where)).toBe('...hidden');
  });

  it('gives folders one trailing slash and lets prefixes be empty', () => {
    expect(parsePath('a/b', 'folder', where)).toBe('a/b/');
    expect(parsePath('a/b/', 'folder', where)).toBe('a/b/');
    expect(parsePath('', 'prefix', where)).toBe('');
    expect(parsePath('a/', 'prefix', where)).toBe('a/');
    expect(parsePath('a/rep', 'prefix', where)).toBe('a/rep');
  });

  it('refuses traversal, absolute paths, backslashes, controls and empty segments', () => {
    expect(rejects('../other/x')).toMatch(/\.\./);
    expect(rejects('a/../../b')).toMatch(/\.\./);
    expect(rejects('a/./b')).toMatch(/\./);
    expect(rejects('..', 'folder')).toMatch(/\.\./);
    expect(rejects('%2e%2e/x')).toMatch(/\.\./);
    expect(rejects('a/%2E%2e')).toMatch(/\.\./);
    expect(rejects('/etc/passwd')).toMatch(/relative/);
    expect(rejects('a\\b')).toMatch(/backslash/);
    expect(rejects('..\\x')).toMatch(/backslash/);
    expect(rejects('a\u0000b')).toMatch(/control/);
    expect(rejects('a\nb')).toMatch(/control/);
    expect(rejects('a\u007fb')).toMatch(/control/);
    expect(rejects('a\u0085b')).toMatch(/control/);
    expect(rejects('a//b')).toMatch(/empty/);
    expect(rejects('a//', 'folder')).toMatch(/empty/);
    expect(rejects('', 'file')).toMatch(/empty/);
    expect(rejects('', 'folder')).toMatch(/empty/);
    expect(rejects('a/')).toMatch(/end with/);
    expect(rejects(42)).toMatch(/string/);
  });

  it('refuses over-long paths and names', () => {
    expect(parsePath(`${'a/'.repeat(440)}b`, 'file', where)).toHaveLength(881);
    expect(rejects('x'.repeat(MAX_PATH_BYTES + 1))).toMatch(/at most/);
    expect(rejects('é'.repeat(MAX_PATH_BYTES / 2 + 1))).toMatch(/at most/);
    expect(rejects('n'.repeat(256))).toMatch(/name/);
  });

  it('keeps every key under the tenant prefix, within S3 key limits', async () => {
    const tenantId = crypto.randomUUID();
    const longest = parsePath(`${'a/'.repeat(449)}b`, 'file', where);
    const key = await keyOf(tenantId, longest);
    expect(key.startsWith(`tenants/${tenantId}/files/`)).toBe(true);
    expect(new TextEncoder().encode(key).length).toBeLessThanOrEqual(1024);
  });
});
