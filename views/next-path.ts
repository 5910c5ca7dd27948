/**
 * Where to send the browser next (`next` on sign-in, registration and the tenant chooser): only a
 * same-origin relative path. It must start with a single `/` (not `//host` or `/\host`, which
 * browsers read as another site), hold no control character or backslash, and stay on this origin
 * once resolved; anything else gives `fallback`.
 *
 * @example
 * return c.redirect(safeNextPath(form.next, '/'), 303);
 */
export function safeNextPath(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || next.length > 2000) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || /[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  try {
    const base = 'http://atoll.invalid';
    const url = new URL(next, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}
