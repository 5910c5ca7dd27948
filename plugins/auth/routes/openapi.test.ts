import { describe, expect, it } from 'vitest';
import { bootApp } from '../../../test/worker/harness';
import { authPlugin } from '..';
import { call, expectStatus } from '../test-helpers';

const atoll = await bootApp([authPlugin()]);

describe('auth in the OpenAPI document', () => {
  it('documents every operation with its problem responses; public ones with `security: []`', async () => {
    const doc = expectStatus(await call(atoll, 'GET', '/api/openapi.json'), 200);
    const op = (path: string, method: string) => doc.paths[path]?.[method];
    const expected: [string, string, string][] = [
      ['/api/v1/auth/register', 'post', 'auth.registerUser'],
      ['/api/v1/auth/login', 'post', 'auth.login'],
      ['/api/v1/auth/refresh', 'post', 'auth.refreshTokens'],
      ['/api/v1/auth/logout', 'post', 'auth.logout'],
      ['/api/v1/auth/logout-all', 'post', 'auth.logoutAll'],
      ['/api/v1/auth/sessions', 'get', 'auth.listSessions'],
      ['/api/v1/auth/sessions/{id}', 'delete', 'auth.endSession'],
      ['/api/v1/auth/me', 'get', 'auth.getMe'],
      ['/api/v1/auth/me', 'patch', 'auth.updateMe'],
      ['/api/v1/auth/me/preferences', 'patch', 'auth.updatePreferences'],
      ['/api/v1/auth/me/password', 'post', 'auth.changePassword'],
      ['/.well-known/jwks.json', 'get', 'auth.getJwks'],
    ];
    for (const [path, method, id] of expected) expect(op(path, method)?.operationId, `${method} ${path}`).toBe(id);
    expect(Object.keys(op('/api/v1/auth/login', 'post').responses)).toEqual(expect.arrayContaining(['200', '400', '401', '429']));
    expect(op('/api/v1/auth/login', 'post').security).toEqual([]);
    expect(op('/api/v1/auth/me', 'get').security).toEqual(expect.arrayContaining([{ bearerAuth: [] }]));
    expect(JSON.stringify(doc.components.schemas.AuthUser)).not.toMatch(/password/i);
  });
});
