import type { Child } from 'hono/jsx';
import type { Theme } from './layout-registry';
import type { NavLink } from './nav';

// htmx settings: no inline indicator styles (CSP), and error responses swap into #flash (or next to
// the form that failed, or replace the page for a boosted navigation: /static/flash.js).
const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  selfRequestsOnly: true,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '[45]..', swap: true, error: true, target: '#flash' },
  ],
});

export interface LayoutProps {
  title: string;
  nav: readonly NavLink[];
  currentPath: string;
  version: string;
  theme?: Theme | undefined;
  /** Plugin header widgets (user menu, tenant switcher), already rendered for this request. */
  widgets?: Child[];
  /** A success message left by the last form post (`redirectTo`'s `notice`), shown once. */
  notice?: string | undefined;
  children?: Child;
}

/** The base page: header with navigation, a success notice and a flash region for errors, the content, a footer. */
export function Layout({ title, nav, currentPath, version, theme, widgets, notice, children }: LayoutProps) {
  return (
    <html lang="en" data-theme={theme ?? 'system'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{`${title} · Atoll`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/vendor/htmx.min.js" defer></script>
        <script src="/static/vendor/htmx-ext-ws.js" defer></script>
        <script src="/static/app.js" defer></script>
        <script src="/static/flash.js" defer></script>
        <script src="/static/realtime.js" defer></script>
      </head>
      <body hx-boost="true">
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <a class="brand" href="/">
            Atoll
          </a>
          {/* Shown on narrow screens only (app.css); app.js toggles the menu, without it the link targets it. */}
          <a class="button secondary menu-toggle" href="#site-menu" aria-controls="site-menu" aria-expanded="false">
            Menu
          </a>
          <div class="site-menu" id="site-menu">
            <nav aria-label="Main">
              <ul>
                <li>
                  <a href="/" aria-current={currentPath === '/' ? 'page' : undefined}>
                    Home
                  </a>
                </li>
                {nav.map((link) => (
                  <li>
                    <a href={link.href} aria-current={currentPath === link.href ? 'page' : undefined}>
                      {link.label}
                    </a>
                  </li>
                ))}
                <li>
                  <a href="/api/docs" hx-boost="false">
                    API
                  </a>
                </li>
              </ul>
            </nav>
            <div class="header-widgets">{widgets}</div>
          </div>
        </header>
        {notice ? (
          <p id="notice" class="notice" role="status">
            {notice}
          </p>
        ) : null}
        <div id="flash" role="alert" aria-live="polite"></div>
        <main id="main">
          <h1>{title}</h1>
          {children}
        </main>
        <footer class="site-footer">Atoll {version}</footer>
      </body>
    </html>
  );
}
