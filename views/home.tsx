import type { NavLink } from './nav';

/** The home page: what Atoll is, where to go, and a live readiness badge loaded by htmx. */
export function HomePage({ nav }: { nav: readonly NavLink[] }) {
  return (
    <>
      <p class="lead">A multi-tenant data platform at the edge: projects, files, datasets, analytics, jobs and an assistant, extended by plugins.</p>
      <section aria-labelledby="status-heading">
        <h2 id="status-heading">Status</h2>
        <div hx-get="/partials/readiness" hx-trigger="load" hx-swap="innerHTML">
          <span class="muted">Checking dependencies…</span>
        </div>
      </section>
      <section aria-labelledby="explore-heading">
        <h2 id="explore-heading">Explore</h2>
        <ul class="cards">
          {nav.map((link) => (
            <li><a class="card" href={link.href}>{link.label}</a></li>
          ))}
          <li><a class="card" href="/api/docs" hx-boost="false">API reference</a></li>
        </ul>
      </section>
    </>
  );
}

export function ReadinessBadge({ checks }: { checks: Record<string, { status: string; error?: string }> }) {
  return (
    <ul class="checks">
      {Object.entries(checks).map(([name, check]) => (
        <li class={check.status === 'ok' ? 'ok' : 'fail'}>
          <span>{name}</span> <strong>{check.status === 'ok' ? 'ready' : `failing (${check.error ?? 'unknown'})`}</strong>
        </li>
      ))}
    </ul>
  );
}
