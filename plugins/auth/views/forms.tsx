import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { CSRF_COOKIE } from '../services/cookies';

/** The CSRF token as a hidden field, so cookie-authenticated forms work without JavaScript too. */
export function CsrfField({ c }: { c: Context }) {
  const token = getCookie(c, CSRF_COOKIE);
  return token ? <input type="hidden" name="_csrf" value={token} /> : null;
}

export function ErrorAlert({ message, items }: { message: string | undefined; items?: string[] | undefined }) {
  if (!message) return null;
  return (
    <div class="alert alert-error" role="alert" id="form-error">
      {message}
      {items && items.length > 0 ? <ul>{items.map((i) => <li>{i}</li>)}</ul> : null}
    </div>
  );
}

/** A form field as text, whatever the body held. */
export const field = (form: Record<string, unknown>, name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');

/**
 * Where to go after signing in: only a same-site relative path (`/...`, not `//host` or `/\host`),
 * otherwise the home page.
 */
export function safeNext(next: string): string {
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\u0000-\u001f\\]/.test(next)) return '/';
  try {
    const url = new URL(next, 'http://atoll.invalid');
    return url.origin === 'http://atoll.invalid' ? `${url.pathname}${url.search}${url.hash}` : '/';
  } catch {
    return '/';
  }
}
