import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { systemPlugin } from '../plugins/system';
import { bootApp, send } from '../test/worker/harness';
import { redirectTo } from './forms';
import { NOTICE_COOKIE, NOTICES } from './notices';

const atoll = await bootApp([systemPlugin()]);

const setCookies = (res: Response): string[] => (res.headers as unknown as { getSetCookie(): string[] }).getSetCookie();
const pageWithNotice = (value: string) => send(atoll, '/app/system', { headers: { cookie: `${NOTICE_COOKIE}=${encodeURIComponent(value)}` } });

describe('success notices', () => {
  const posts = new Hono().post('/done', (c) => redirectTo(c, '/app/system', { notice: 'project-created' })).post('/plain', (c) => redirectTo(c, '/app/system'));

  it('redirectTo leaves the notice key in a short-lived HttpOnly cookie, for htmx and plain posts alike', async () => {
    for (const headers of [{}, { 'hx-request': 'true' }] as Record<string, string>[]) {
      const res = await posts.request('http://127.0.0.1/done', { method: 'POST', headers });
      expect(res.status).toBe('hx-request' in headers ? 204 : 303);
      expect(setCookies(res)).toEqual([`${NOTICE_COOKIE}=project-created; Max-Age=60; Path=/; HttpOnly; SameSite=Lax`]);
    }
    expect(setCookies(await posts.request('http://127.0.0.1/plain', { method: 'POST' }))).toEqual([]);
    const secure = await posts.request('https://atoll.example/done', { method: 'POST' });
    expect(setCookies(secure)[0]).toContain('; Secure');
  });

  it('shows a known notice once, as a status above the page, and clears it', async () => {
    const res = await pageWithNotice('project-created');
    const html = await res.text();
    expect(res.status, html).toBe(200);
    expect(html).toContain(`<p id="notice" class="notice" role="status">${NOTICES['project-created']}</p><div id="flash"`);
    expect(setCookies(res)).toContainEqual(expect.stringMatching(new RegExp(`^${NOTICE_COOKIE}=; Max-Age=0; Path=/`)));
    expect(await (await send(atoll, '/app/system')).text()).not.toContain('id="notice"');
  });

  it('shows nothing for an unknown key (and still clears it)', async () => {
    for (const key of ['no-such-notice', 'toString', '__proto__', '']) {
      const res = await pageWithNotice(key);
      const html = await res.text();
      expect(html, key).not.toContain('id="notice"');
      if (key) expect(setCookies(res), key).toContainEqual(expect.stringMatching(new RegExp(`^${NOTICE_COOKIE}=;`)));
    }
  });

  it('never shows text from the cookie itself', async () => {
    const injected = '<script>alert(1)</script>Your account is locked';
    const html = await (await pageWithNotice(injected)).text();
    expect(html).not.toContain('id="notice"');
    expect(html).not.toContain('alert(1)');
    expect(html).not.toContain('Your account is locked');
  });
});
