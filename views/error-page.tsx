import type { Context } from 'hono';
import type { Problem } from '../worker/http/problem';
import { FieldErrorList, RequestIdLine } from './error-partial';
import { plainDetail, wordsFor } from './error-words';
import { renderPage, type Shell } from './mount-pages';
import type { NavLink } from './nav';

/** The list a failed page belongs to (`/app/projects` for `/app/projects/<id>`), from the navigation. */
function listLink(nav: readonly NavLink[], path: string): NavLink | undefined {
  return nav.filter((link) => path.startsWith(`${link.href}/`)).sort((a, b) => b.href.length - a.href.length)[0];
}

interface ErrorPageProps {
  problem: Problem;
  back: NavLink | undefined;
  /** Where to sign in, when the problem is that nobody is signed in. */
  signIn: string | undefined;
}

/** The body of an error page: what happened in plain words, where to go instead, the request id. */
export function ErrorPage({ problem, back, signIn }: ErrorPageProps) {
  const words = wordsFor(problem.status);
  const detail = plainDetail(problem);
  return (
    <section class="error-page" data-status={String(problem.status)} data-code={problem.code}>
      <p class="lead">{words.explanation}</p>
      {detail ? <p>{detail}</p> : null}
      <FieldErrorList errors={problem.errors} />
      <ul class="error-links">
        {signIn ? (
          <li>
            <a href={signIn}>Sign in</a>
          </li>
        ) : null}
        {back ? (
          <li>
            <a href={back.href}>Back to {back.label}</a>
          </li>
        ) : null}
        <li>
          <a href="/">Go to the home page</a>
        </li>
      </ul>
      <RequestIdLine requestId={problem.requestId} />
    </section>
  );
}

/**
 * Renders a problem as a full page inside the layout, for a browser navigating to a page. The
 * caller is authenticated quietly first where no access check ran (an unknown path), so the header
 * still shows who is signed in; a failure there only leaves the header signed out.
 */
export function errorPageRenderer(shell: Shell) {
  return async (c: Context, problem: Problem): Promise<Response> => {
    if (c.get('principal') === undefined) {
      const principal = await shell.access.authenticator?.authenticate(c).catch(() => null);
      c.set('principal', principal ?? undefined);
    }
    // Only a form post meets a 401 here (a page GET is redirected to sign in), so no `next`: it would lead back to a POST address.
    const signIn = problem.status === 401 ? shell.access.loginPath : undefined;
    const words = wordsFor(problem.status);
    const body = <ErrorPage problem={problem} back={listLink(shell.nav, c.req.path)} signIn={signIn} />;
    return c.html(await renderPage(c, shell, words.pageTitle ?? words.title, c.req.path, body), problem.status as 404);
  };
}
