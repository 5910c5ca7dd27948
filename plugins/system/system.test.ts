import { describe, expect, it } from 'vitest';
import { bodyOf, bootApp, send } from '../../test/worker/harness';
import { BootErrorCode } from '../../worker/plugin/boot-error';
import { systemPlugin } from '.';

describe('system plugin', () => {
  it('GET /api/v1/system/info reports host, build and plugins', async () => {
    const atoll = await bootApp([systemPlugin()], { SYSTEM_BUILD: 'v1.2.3-abc' });
    const res = await send(atoll, '/api/v1/system/info');
    const body = await bodyOf(res);
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toEqual({
      name: 'atoll',
      version: '0.1.0',
      build: 'v1.2.3-abc',
      plugins: [{ id: 'system', version: '0.1.0', description: 'Version information' }],
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('defaults the build label to dev', async () => {
    const atoll = await bootApp([systemPlugin()], { SYSTEM_BUILD: '' });
    expect((await bodyOf(await send(atoll, '/api/v1/system/info'))).build).toBe('dev');
  });

  it('refuses a malformed SYSTEM_BUILD at boot', async () => {
    await expect(bootApp([systemPlugin()], { SYSTEM_BUILD: 'has spaces <b>' })).rejects.toMatchObject({
      code: BootErrorCode.INVALID_CONFIG,
      message: expect.stringContaining('SYSTEM_BUILD'),
    });
  });

  it('shows a System page in the navigation', async () => {
    const atoll = await bootApp([systemPlugin()]);
    const html = await (await send(atoll, '/app/system')).text();
    expect(html).toContain('<a href="/app/system" aria-current="page">System</a>');
    expect(html).toContain('<td>system</td><td>0.1.0</td>');
  });
});
