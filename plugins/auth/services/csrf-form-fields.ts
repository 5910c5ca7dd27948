import type { AppEnv } from 'atoll/plugin';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { CSRF_COOKIE } from './cookies';

// randomToken() is 32 bytes as base64url; anything else in the cookie is not ours to echo.
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * Puts the CSRF token into every POST form of the HTML pages a signed-in browser gets, as the first
 * field (a streamed multipart upload reads it before the file), so forms work without JavaScript
 * too. One place for every plugin's forms: app.js adds the same field on submit only when a form
 * has none, and htmx sends the header instead.
 */
export const csrfFormFields: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const token = getCookie(c, CSRF_COOKIE);
  if (!token || !TOKEN.test(token) || !c.res.headers.get('content-type')?.startsWith('text/html') || !c.res.body) return;
  const field = `<input type="hidden" name="_csrf" value="${token}">`;
  c.res = new HTMLRewriter()
    .on('form', {
      element(form) {
        if ((form.getAttribute('method') ?? 'get').toLowerCase() === 'post') form.prepend(field, { html: true });
      },
    })
    .transform(c.res);
};
