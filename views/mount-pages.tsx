import type { Context, Hono, MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import { accessControl } from '../worker/access/access-control';
import type { AccessRegistry } from '../worker/access/access-registry';
import { limitBody } from '../worker/http/body-limit';
import type { RouteRateLimits } from '../worker/http/rate-limit';
import type { LoadedPlugin } from '../worker/plugin/registry';
import type { AppEnv, PageDefinition } from '../worker/plugin/types';
import { HOST_VERSION } from '../worker/version';
import { Layout } from './layout';
import type { LayoutRegistry } from './layout-registry';
import type { NavLink } from './nav';
import { takeNotice } from './notices';

export const APP_PREFIX = '/app';

export interface Shell {
  nav: readonly NavLink[];
  layout: LayoutRegistry;
  access: AccessRegistry;
  /** Form posts are limited like API bodies (`MAX_BODY_BYTES` unless the page says), before anything reads them. */
  maxBodyBytes: number;
  /** Form posts count against their plugin's write budget, as its API writes do. */
  rateLimits: RouteRateLimits;
}

/** A full page for this request: the layout (with the plugins' header widgets) around `body`. */
export async function renderPage(c: Context, shell: Shell, title: string, currentPath: string, body: Child) {
  const widgets = await shell.layout.render(c);
  return html`<!doctype html>${(
    <Layout title={title} nav={shell.nav} currentPath={currentPath} version={HOST_VERSION} theme={c.get('theme')} widgets={widgets} notice={takeNotice(c)}>
      {body}
    </Layout>
  )}`;
}

/** Mounts the plugins' pages under `/app`: full pages inside the layout, partials bare. */
export function mountPages(app: Hono<AppEnv>, plugins: readonly LoadedPlugin[], shell: Shell, onRoute: (method: string, path: string) => void) {
  for (const { manifest, pages } of plugins) {
    for (const page of pages) mountPage(app, manifest.id, page, shell, onRoute);
  }
}

const unlimited: MiddlewareHandler = (_c, next) => next();

function mountPage(app: Hono<AppEnv>, pluginId: string, page: PageDefinition, shell: Shell, onRoute: (method: string, path: string) => void) {
  const method = page.method ?? 'get';
  const path = `${APP_PREFIX}${page.path}`;
  onRoute(method, path);
  const limited = shell.rateLimits.for(pluginId, method, page.rateLimit, page.access === 'public') ?? unlimited;
  app.on(method.toUpperCase(), path, limitBody(page.bodyLimitBytes ?? shell.maxBodyBytes), accessControl(page.access ?? {}, shell.access, { page: true }), limited, async (c) => {
    const out = await page.render(c);
    if (out instanceof Response) return out;
    return c.html(page.partial ? <>{out}</> : await renderPage(c, shell, page.title, path, out));
  });
}
