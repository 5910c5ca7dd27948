import type { Context } from 'hono';

/** "Sign in" for visitors; the user's email, account links and a sign-out button for users. */
export function UserMenu({ c }: { c: Context }) {
  const principal = c.get('principal');
  if (principal?.kind !== 'user')
    return (
      <a href="/app/login" class="sign-in">
        Sign in
      </a>
    );
  return (
    <div class="user-menu">
      <span class="user-email">{principal.email}</span>
      <a href="/app/account/preferences">Preferences</a>
      <a href="/app/account/sessions">Sessions</a>
      <form method="post" action="/app/logout" hx-boost="false" class="inline-form">
        <button type="submit">Sign out</button>
      </form>
    </div>
  );
}
