import type { Context } from 'hono';
import { ErrorAlert, withNext } from './forms';

export interface LoginFormProps {
  next: string;
  email?: string;
  error?: string | undefined;
  registrationOpen: boolean;
  signedInAs?: string | undefined;
}

/** The sign-in form; posts as a plain form (no htmx) so the redirect and cookies are the browser's own. */
export function LoginPage({ next, email, error, registrationOpen, signedInAs }: LoginFormProps) {
  return (
    <>
      {signedInAs ? <p class="muted">You are signed in as {signedInAs}.</p> : null}
      <ErrorAlert message={error} />
      <form method="post" action="/app/login" hx-boost="false" class="stack">
        <input type="hidden" name="next" value={next} />
        <p>
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required value={email ?? ''} />
        </p>
        <p>
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </p>
        <p>
          <button type="submit">Sign in</button>
        </p>
      </form>
      {registrationOpen ? (
        <p>
          No account yet? <a href={withNext('/app/register', next)}>Create one</a>.
        </p>
      ) : null}
    </>
  );
}

export const loginNext = (c: Context) => c.req.query('next') ?? '/';
