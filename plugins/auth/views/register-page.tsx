import { ErrorAlert, withNext } from './forms';

export interface RegisterFormProps {
  open: boolean;
  email?: string;
  name?: string;
  error?: string | undefined;
  problems?: string[] | undefined;
  /** Where to go once the account exists (already checked by `safeNext`). */
  next?: string;
}

/** The account form: email, name, password (10-256 characters, not your email). */
export function RegisterPage({ open, email, name, error, problems, next = '/' }: RegisterFormProps) {
  if (!open) return <p>Registration is closed on this server. Ask an administrator for an account.</p>;
  return (
    <>
      <ErrorAlert message={error} items={problems} />
      <form method="post" action="/app/register" hx-boost="false" class="stack">
        <input type="hidden" name="next" value={next} />
        <p>
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required value={email ?? ''} />
        </p>
        <p>
          <label for="name">
            Name <span class="muted">(optional)</span>
          </label>
          <input id="name" name="name" type="text" autocomplete="name" maxlength={100} value={name ?? ''} />
        </p>
        <p>
          <label for="password">
            Password <span class="muted">(10 to 256 characters)</span>
          </label>
          <input id="password" name="password" type="password" autocomplete="new-password" required minlength={10} maxlength={256} />
        </p>
        <p>
          <button type="submit">Create account</button>
        </p>
      </form>
      <p>
        Already have an account? <a href={withNext('/app/login', next)}>Sign in</a>.
      </p>
    </>
  );
}
