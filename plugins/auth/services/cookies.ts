import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { constantTimeEqualText, randomToken } from './encoding';

export const SESSION_COOKIE = 'atoll_session';
export const CSRF_COOKIE = 'atoll_csrf';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Cookies are Secure everywhere but plain-HTTP local development. */
const secure = (c: Context) => !LOOPBACK.has(new URL(c.req.url).hostname);

/** Sets the HttpOnly session cookie and the readable CSRF cookie (double submit) for `maxAge` seconds. */
export function setSessionCookies(c: Context, token: string, maxAge: number) {
  const common = { path: '/', sameSite: 'Lax' as const, secure: secure(c), maxAge };
  setCookie(c, SESSION_COOKIE, token, { ...common, httpOnly: true });
  setCookie(c, CSRF_COOKIE, randomToken(), { ...common, httpOnly: false });
}

export function clearSessionCookies(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c) });
  deleteCookie(c, CSRF_COOKIE, { path: '/', secure: secure(c) });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i;

/**
 * Double-submit CSRF check for cookie-authenticated state changes: the `x-csrf-token` header or
 * the `_csrf` form field must equal the `atoll_csrf` cookie (constant-time compare).
 */
export async function csrfPasses(c: Context): Promise<boolean> {
  if (SAFE_METHODS.has(c.req.method)) return true;
  const expected = getCookie(c, CSRF_COOKIE);
  if (!expected || expected.length < 16) return false;
  let sent = c.req.header('x-csrf-token');
  if (!sent && FORM.test(c.req.header('content-type') ?? '')) {
    const field = (await c.req.parseBody().catch(() => ({}) as Record<string, unknown>))._csrf;
    sent = typeof field === 'string' ? field : undefined;
  }
  return sent !== undefined && constantTimeEqualText(sent, expected);
}

/**
 * For the pre-sign-in forms (no session yet, so no CSRF cookie): refuses posts another site's page
 * sent (login CSRF), by the browser's `Sec-Fetch-Site` or `Origin`. Non-browser clients send neither.
 */
export function fromSameSite(c: Context): boolean {
  // Every current browser sends Sec-Fetch-Site; it is the browser's own verdict, proxies or not.
  const site = c.req.header('sec-fetch-site');
  if (site) return site === 'same-origin' || site === 'none';
  const origin = c.req.header('origin');
  if (origin === undefined) return true;
  try {
    const host = new URL(origin).host;
    return host === new URL(c.req.url).host || host === c.req.header('host');
  } catch {
    return false; // includes `Origin: null` (sandboxed or privacy-sensitive contexts)
  }
}
