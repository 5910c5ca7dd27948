import { describe, expect, it } from 'vitest';
import { bootApp, send } from '../../../test/worker/harness';
import { authPlugin } from '..';
import { call, expectStatus, login, manualClock, PASSWORD, register, setCookies, signedInUser, uniqueEmail } from '../test-helpers';

const atoll = await bootApp([authPlugin()]);
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** Signs in through the login page; returns the cookies the browser would hold. */
async function pageLogin(email: string, password = PASSWORD, next = '/') {
  const res = await send(atoll, '/app/login', form({ email, password, next }));
  expect(res.status, await res.clone().text()).toBe(303);
  const cookies = setCookies(res);
  const value = (name: string) =>
    cookies
      .find((c) => c.startsWith(`${name}=`))!
      .split(';')[0]!
      .slice(name.length + 1);
  return { res, cookies, session: value('atoll_session'), csrf: value('atoll_csrf'), header: `atoll_session=${value('atoll_session')}; atoll_csrf=${value('atoll_csrf')}` };
}

describe('login page', () => {
  it('renders labelled fields and a submit button', async () => {
    const html = await (await send(atoll, '/app/login?next=/app/account/sessions')).text();
    expect(html).toContain('<label for="email">');
    expect(html).toContain('id="email"');
    expect(html).toContain('id="password"');
    expect(html).toContain('type="submit"');
    expect(html).toContain('value="/app/account/sessions"');
    expect(html).not.toMatch(/<script>|style="/);
  });

  it('sets an HttpOnly SameSite=Lax Secure session cookie and a readable CSRF cookie, then redirects to next', async () => {
    const user = await register(atoll);
    const { res, cookies } = await pageLogin(user.email, PASSWORD, '/app/account/preferences?x=1');
    expect(res.headers.get('location')).toBe('/app/account/preferences?x=1');
    const session = cookies.find((c) => c.startsWith('atoll_session='))!;
    const csrf = cookies.find((c) => c.startsWith('atoll_csrf='))!;
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(session).toMatch(/; Path=\//);
    expect(session).toMatch(/; Secure/);
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(csrf).toMatch(/; SameSite=Lax/);
  });

  it('leaves out Secure on localhost', async () => {
    const user = await register(atoll);
    const res = await atoll.app.request('http://localhost/app/login', form({ email: user.email, password: PASSWORD, next: '/' }), (await import('../../../test/worker/harness')).testEnv());
    expect(res.status).toBe(303);
    expect(setCookies(res).find((c) => c.startsWith('atoll_session='))).not.toMatch(/Secure/);
  });

  it.each(['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)'])('does not redirect off-site (next=%s)', async (next) => {
    const user = await register(atoll);
    expect((await pageLogin(user.email, PASSWORD, next)).res.headers.get('location')).toBe('/');
  });

  it('shows the same error for an unknown account and a wrong password, and sets no cookie', async () => {
    const user = await register(atoll);
    const wrong = await send(atoll, '/app/login', form({ email: user.email, password: 'wrong password!' }));
    const unknown = await send(atoll, '/app/login', form({ email: uniqueEmail(), password: 'wrong password!' }));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const message = (html: string) => /id="form-error">([^<]*)</.exec(html)?.[1];
    const [a, b] = [message(await wrong.text()), message(await unknown.text())];
    expect(a).toBe('The email or password is incorrect');
    expect(b).toBe(a);
    expect(setCookies(wrong)).toEqual([]);
  });

  it('refuses a sign-in form posted from another site (login CSRF), accepts this site', async () => {
    const user = await register(atoll);
    const crossSite: Record<string, string>[] = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }];
    for (const headers of crossSite) {
      const res = await send(atoll, '/app/login', { ...form({ email: user.email, password: PASSWORD }), headers: { ...form({}).headers, ...headers } });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(setCookies(res)).toEqual([]);
    }
    const ok = await send(atoll, '/app/login', { ...form({ email: user.email, password: PASSWORD }), headers: { ...form({}).headers, origin: 'http://atoll.test', 'sec-fetch-site': 'same-origin' } });
    expect(ok.status).toBe(303);
  });

  it('is throttled like the API (429 with Retry-After)', async () => {
    const throttled = await bootApp([authPlugin({ now: manualClock().now })]);
    const user = await register(throttled);
    for (let i = 0; i < 5; i++) expect((await send(throttled, '/app/login', form({ email: user.email, password: 'wrong password!' }))).status).toBe(401);
    const res = await send(throttled, '/app/login', form({ email: user.email, password: PASSWORD }));
    expect(res.status).toBe(429);
    expect(await res.text()).toContain('Too many failed sign-in attempts; try again in 1 s');
    expect(res.headers.get('retry-after')).toBe('1');
    expect(setCookies(res)).toEqual([]);
  });
});

describe('cookie sessions', () => {
  it('authenticate pages and the API, and show the email in the header', async () => {
    const user = await register(atoll);
    const { header } = await pageLogin(user.email);
    const html = await (await send(atoll, '/', { headers: { cookie: header } })).text();
    expect(html).toContain(user.email);
    expect(html).toContain('action="/app/logout"');
    expect(html).toContain('href="/app/account/sessions"');
    const me = expectStatus(await call(atoll, 'GET', '/api/v1/auth/me', { headers: { cookie: header } }), 200);
    expect(me.email).toBe(user.email);
    const anonymous = await (await send(atoll, '/')).text();
    expect(anonymous).toContain('href="/app/login"');
  });

  it('refuse a cookie-authenticated POST without the CSRF token (403), accept the header or the form field', async () => {
    const user = await register(atoll);
    const s = await pageLogin(user.email);
    const patch = (headers: Record<string, string>) => call(atoll, 'PATCH', '/api/v1/auth/me', { body: { name: 'Via cookie' }, headers: { cookie: s.header, ...headers } });
    expectStatus(await patch({}), 403, 'AUTH_CSRF_FAILED');
    expectStatus(await patch({ 'x-csrf-token': 'x'.repeat(43) }), 403, 'AUTH_CSRF_FAILED');
    expectStatus(await patch({ cookie: `atoll_session=${s.session}` }), 403, 'AUTH_CSRF_FAILED');
    expect(expectStatus(await patch({ 'x-csrf-token': s.csrf }), 200).name).toBe('Via cookie');

    const post = (fields: Record<string, string>) => send(atoll, '/app/account/preferences', { ...form(fields), headers: { ...form(fields).headers, cookie: s.header } });
    // Refused, and nothing changed.
    const refused = await post({ theme: 'dark' });
    expect(refused.status, await refused.clone().text()).toBe(403);
    expect(await refused.text()).toContain('AUTH_CSRF_FAILED');
    expect(expectStatus(await call(atoll, 'GET', '/api/v1/auth/me', { headers: { cookie: s.header } }), 200).preferences).toEqual({});
    const saved = await post({ theme: 'dark', _csrf: s.csrf });
    expect(saved.status).toBe(303);
    // The theme is rendered on <html> from the session, without a flash.
    const page = await (await send(atoll, '/app/account/preferences', { headers: { cookie: s.header } })).text();
    expect(page).toContain('data-theme="dark"');
    expect(page).toMatch(/<option value="dark" selected/);
  });

  it('put the CSRF field first in every post form of a page, and never echo a cookie that is not a token', async () => {
    const user = await register(atoll);
    const s = await pageLogin(user.email);
    const html = await (await send(atoll, '/app/account/sessions', { headers: { cookie: s.header } })).text();
    const posts = html.match(/<form[^>]*method="post"[^>]*>/g) ?? [];
    expect(posts.length).toBeGreaterThanOrEqual(2); // sign out in the header, End per session
    const fields = html.match(/<form[^>]*method="post"[^>]*><input type="hidden" name="_csrf" value="([^"]*)">/g) ?? [];
    expect(fields.length).toBe(posts.length);
    expect(new Set(fields.map((f) => f.split('value="')[1]))).toEqual(new Set([`${s.csrf}">`]));
    expect(html).not.toMatch(/<form[^>]*method="get"[^>]*><input type="hidden" name="_csrf"/);
    // A cookie someone planted is not a token of ours: no field, nothing of it in the page.
    const planted = await send(atoll, '/app/account/sessions', { headers: { cookie: `atoll_session=${s.session}; atoll_csrf="><script>x</script>` } });
    const plantedHtml = await planted.text();
    expect(plantedHtml).not.toContain('name="_csrf"');
    expect(plantedHtml).not.toContain('<script>x');
  });

  it('do not need CSRF with a bearer token', async () => {
    const { tokens } = await signedInUser(atoll);
    expectStatus(await call(atoll, 'PATCH', '/api/v1/auth/me', { token: tokens.accessToken, body: { name: 'Bearer' } }), 200);
  });

  it('are ended by the logout page, which clears the cookies', async () => {
    const user = await register(atoll);
    const s = await pageLogin(user.email);
    expect((await send(atoll, '/app/logout', { headers: { cookie: s.header } })).status).toBe(200);
    const noCsrf = await send(atoll, '/app/logout', { method: 'POST', headers: { cookie: s.header } });
    expect(noCsrf.status, await noCsrf.clone().text()).toBe(403);
    expect(await noCsrf.text()).toContain('AUTH_CSRF_FAILED');
    expectStatus(await call(atoll, 'GET', '/api/v1/auth/me', { headers: { cookie: s.header } }), 200);
    const res = await send(atoll, '/app/logout', { ...form({ _csrf: s.csrf }), headers: { ...form({}).headers, cookie: s.header } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/login');
    expect(setCookies(res).some((c) => c.startsWith('atoll_session=;') && /Max-Age=0/.test(c))).toBe(true);
    expectStatus(await call(atoll, 'GET', '/api/v1/auth/me', { headers: { cookie: s.header } }), 401);
    // Pages now send the browser to the login page.
    const page = await send(atoll, '/app/account/sessions', { headers: { cookie: s.header } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/app/login?next=%2Fapp%2Faccount%2Fsessions');
  });

  it('list on the sessions page and end there, only your own', async () => {
    const user = await register(atoll);
    const s = await pageLogin(user.email);
    const api = await login(atoll, user.email);
    const sid = JSON.parse(atob(api.accessToken.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).sid as string;
    const html = await (await send(atoll, '/app/account/sessions', { headers: { cookie: s.header } })).text();
    expect(html).toContain(`data-session-id="${sid}"`);
    expect(html).toContain('(this one)');

    const mallory = await register(atoll);
    const m = await pageLogin(mallory.email);
    const end = (cookies: typeof s, id: string) => send(atoll, `/app/account/sessions/${id}/end`, { ...form({ _csrf: cookies.csrf }), headers: { ...form({}).headers, cookie: cookies.header } });
    expect((await end(m, sid)).status).toBe(303);
    expectStatus(await call(atoll, 'GET', '/api/v1/auth/me', { token: api.accessToken }), 200);
    expect((await end(s, sid)).status).toBe(303);
    expectStatus(await call(atoll, 'GET', '/api/v1/auth/me', { token: api.accessToken }), 401);
  });
});

describe('register page', () => {
  it('creates the account and signs in', async () => {
    const email = uniqueEmail();
    const res = await send(atoll, '/app/register', form({ email, password: PASSWORD, name: 'Grace' }));
    expect(res.status, await res.clone().text()).toBe(303);
    expect(setCookies(res).some((c) => c.startsWith('atoll_session='))).toBe(true);
    await login(atoll, email);
  });

  it('keeps next from the login page through registration, and goes there once signed in', async () => {
    const login = await (await send(atoll, '/app/login?next=%2Fapp%2Fdatasets%3Fx%3D1')).text();
    expect(login).toContain('href="/app/register?next=%2Fapp%2Fdatasets%3Fx%3D1"');
    const page = await (await send(atoll, '/app/register?next=%2Fapp%2Fdatasets%3Fx%3D1')).text();
    expect(page).toContain('<input type="hidden" name="next" value="/app/datasets?x=1"/>');
    expect(page).toContain('href="/app/login?next=%2Fapp%2Fdatasets%3Fx%3D1"');
    const res = await send(atoll, '/app/register', form({ email: uniqueEmail(), password: PASSWORD, next: '/app/datasets?x=1' }));
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get('location')).toBe('/app/datasets?x=1');
    // A failed form keeps it too.
    expect(await (await send(atoll, '/app/register', form({ email: uniqueEmail(), password: 'short', next: '/app/datasets' }))).text()).toContain('value="/app/datasets"');
  });

  it.each(['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)'])('does not redirect off-site after registering (next=%s)', async (next) => {
    const res = await send(atoll, '/app/register', form({ email: uniqueEmail(), password: PASSWORD, next }));
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(await (await send(atoll, `/app/register?next=${encodeURIComponent(next)}`)).text()).not.toContain('evil.example');
  });

  it('shows what is wrong (400) and a taken email (409)', async () => {
    const weak = await send(atoll, '/app/register', form({ email: uniqueEmail(), password: 'short' }));
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('password: must be at least 10 characters');
    const user = await register(atoll);
    const taken = await send(atoll, '/app/register', form({ email: user.email, password: PASSWORD }));
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('already exists');
  });

  it('says registration is closed when it is', async () => {
    const closed = await bootApp([authPlugin()], { AUTH_REGISTRATION: 'closed' });
    expect(await (await send(closed, '/app/register')).text()).toContain('Registration is closed');
    expect((await send(closed, '/app/register', form({ email: uniqueEmail(), password: PASSWORD }))).status).toBe(403);
  });
});
