import type { HomeContent, HomeStep, RecentItem } from './home-registry';
import type { NavLink } from './nav';

const Explore = ({ nav }: { nav: readonly NavLink[] }) => (
  <section aria-labelledby="explore-heading">
    <h2 id="explore-heading">Explore</h2>
    <ul class="cards">
      {nav.map((link) => (
        <li>
          <a class="card" href={link.href}>
            {link.label}
          </a>
        </li>
      ))}
      <li>
        <a class="card" href="/api/docs" hx-boost="false">
          API reference
        </a>
      </li>
    </ul>
  </section>
);

const Step = ({ step }: { step: HomeStep }) => (
  <li class={step.done ? 'done' : 'todo'}>
    <strong class="step-state">{step.done ? 'Done' : 'To do'}</strong> <a href={step.href}>{step.label}</a>
  </li>
);

const when = (iso: string) => `${iso.replace('T', ' ').slice(0, 16)} UTC`;

const Recent = ({ items }: { items: readonly RecentItem[] }) => (
  <section aria-labelledby="recent-heading">
    <h2 id="recent-heading">Recent</h2>
    {items.length === 0 ? (
      <p class="muted" id="no-recent">
        Nothing yet. What you create in this tenant shows up here.
      </p>
    ) : (
      <ul class="recent-items" id="recent-items">
        {items.map((item) => (
          <li>
            <span class="muted">{item.kind}</span> <a href={item.href}>{item.label}</a> <small class="muted">{when(item.at)}</small>
          </li>
        ))}
      </ul>
    )}
  </section>
);

/**
 * The home page. Signed out: what Atoll is and how to start. Signed in: a getting-started checklist
 * and recent items from the plugins (`coreExtensionPoints.home`), then the places to go.
 */
export function HomePage({ nav, signedIn }: { nav: readonly NavLink[]; signedIn?: HomeContent | undefined }) {
  if (!signedIn) {
    return (
      <>
        <p class="lead">A multi-tenant data platform at the edge: projects, files, datasets, analytics, jobs and an assistant, extended by plugins.</p>
        <p>
          <a class="button" href="/app/login">
            Sign in
          </a>{' '}
          <a class="button secondary" href="/app/register">
            Create an account
          </a>
        </p>
        <Explore nav={nav} />
      </>
    );
  }
  const done = signedIn.steps.filter((s) => s.done).length;
  return (
    <>
      {signedIn.steps.length > 0 ? (
        <section aria-labelledby="start-heading" id="getting-started">
          <h2 id="start-heading">Getting started</h2>
          <p class="muted">{done === signedIn.steps.length ? 'All done.' : `${done} of ${signedIn.steps.length} done.`}</p>
          <ol class="checklist">
            {signedIn.steps.map((step) => (
              <Step step={step} />
            ))}
          </ol>
        </section>
      ) : null}
      <Recent items={signedIn.recent} />
      <Explore nav={nav} />
    </>
  );
}
