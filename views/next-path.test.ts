import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

describe('safeNextPath', () => {
  it.each(['/', '/app/datasets', '/app/datasets?sort=name&x=1', '/app/dashboards/3f9c#panel-2', '/app/files/a%20b'])('keeps the same-origin path %s', (next) => {
    expect(safeNextPath(next)).toBe(next);
  });

  it.each([
    ['an absolute URL', 'https://evil.example/'],
    ['a scheme-relative URL', '//evil.example/x'],
    ['a backslash host', '/\\evil.example'],
    ['a backslash later on', '/app\\..\\x'],
    ['a scheme', 'javascript:alert(1)'],
    ['a data URL', 'data:text/html,hi'],
    ['a relative path', 'app/datasets'],
    ['a tab trick', '/\t/evil.example'],
    ['a newline', '/app\n/x'],
    ['an empty string', ''],
    ['a missing value', undefined],
    ['a number', 42],
    ['an overlong path', `/${'a'.repeat(2001)}`],
  ])('ignores %s and gives the fallback', (_what, next) => {
    expect(safeNextPath(next)).toBe('/');
    expect(safeNextPath(next, '/app/tenants')).toBe('/app/tenants');
  });

  it('normalises dot segments without leaving the origin', () => {
    expect(safeNextPath('/app/../../etc')).toBe('/etc');
  });
});
