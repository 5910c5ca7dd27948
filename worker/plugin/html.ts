/**
 * `atoll/plugin/html`: markup for pages without a JSX build step. A plugin package that does not
 * set up hono/jsx writes its page bodies with this template tag; what `definePage`'s `render`
 * returns may be its result.
 */
import { html as honoHtml } from 'hono/html';

/**
 * hono's `html` tagged template: interpolated strings are escaped, numbers written as they are,
 * arrays flattened, `null`/`undefined`/booleans left out, and nested `html` results kept as markup.
 *
 * @example
 * render: (c) => html`<h2>${getTenant(c).slug}</h2><ul>${names.map((n) => html`<li>${n}</li>`)}</ul>`,
 */
export const html = honoHtml;
