import type { Hono } from 'hono';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import { accessControl } from '../worker/access/access-control';
import type { AccessRegistry } from '../worker/access/access-registry';
import type { LoadedPlugin } from '../worker/plugin/registry';
import type { AppEnv, PageDefinition } from '../worker/plugin/types';
import { HOST_VERSION } from '../worker/version';
import { Layout } from './layout';
import type { NavLink } from './nav';

export const APP_PREFIX = '/app';

/** A full page: the layout around `body`, with the doctype. */
export const renderPage = (title: string, nav: readonly NavLink[], currentPath: string, body: Child) =>
  html`<!doctype html>${(
    <Layout title={title} nav={nav} currentPath={currentPath} version={HOST_VERSION}>
      {body}
    </Layout>
  )}`;

/** Mounts the plugins' pages under `/app`: full pages inside the layout, partials bare. */
export function mountPages(
  app: Hono<AppEnv>,
  plugins: readonly LoadedPlugin[],
  nav: readonly NavLink[],
  access: AccessRegistry,
  onRoute: (method: string, path: string) => void,
) {
  for (const { pages } of plugins) {
    for (const page of pages) mountPage(app, page, nav, access, onRoute);
  }
}

function mountPage(app: Hono<AppEnv>, page: PageDefinition, nav: readonly NavLink[], access: AccessRegistry, onRoute: (method: string, path: string) => void) {
  const method = page.method ?? 'get';
  const path = `${APP_PREFIX}${page.path}`;
  onRoute(method, path);
  app.on(method.toUpperCase(), path, accessControl(page.access ?? {}, access, { page: true }), async (c) => {
    const out = await page.render(c);
    if (out instanceof Response) return out;
    return c.html(page.partial ? <>{out}</> : renderPage(page.title, nav, path, out));
  });
}
