import type { UserPreferences } from '../db/schema';
import type { SessionView } from '../services/list-sessions';

export function LogoutPage() {
  return (
    <form method="post" action="/app/logout" hx-boost="false">
      <p>Sign out of this browser?</p>
      <p>
        <button type="submit">Sign out</button>
      </p>
    </form>
  );
}

const when = (iso: string) => `${iso.replace('T', ' ').slice(0, 16)} UTC`;

/** The caller's live sessions, each with a button that ends it. */
export function SessionsPage({ sessions, nextCursor }: { sessions: SessionView[]; nextCursor: string | null }) {
  return (
    <>
      <p class="muted">Browsers and API clients signed in to your account. Ending a session signs it out.</p>
      <div class="table-scroll" tabindex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Device</th>
              <th scope="col">Started</th>
              <th scope="col">Last used</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr data-session-id={s.id}>
                <td>
                  {s.kind === 'browser' ? 'Browser' : 'API'}
                  {s.current ? ' (this one)' : ''}
                </td>
                <td>{s.userAgent ?? 'unknown'}</td>
                <td>{when(s.createdAt)}</td>
                <td>{when(s.lastUsedAt)}</td>
                <td>
                  <form method="post" action={`/app/account/sessions/${s.id}/end`} hx-boost="false">
                    <button type="submit">End</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextCursor ? (
        <p>
          <a href={`/app/account/sessions?cursor=${encodeURIComponent(nextCursor)}`}>More sessions</a>
        </p>
      ) : null}
    </>
  );
}

const THEMES = [
  ['system', 'Follow the system'],
  ['light', 'Light'],
  ['dark', 'Dark'],
] as const;

export function PreferencesPage({ preferences, saved }: { preferences: UserPreferences; saved: boolean }) {
  const theme = preferences.theme ?? 'system';
  return (
    <>
      {saved ? (
        <div class="alert" role="status" id="saved">
          Preferences saved.
        </div>
      ) : null}
      <form method="post" action="/app/account/preferences" hx-boost="false">
        <p>
          <label for="theme">Theme</label>
          <select id="theme" name="theme">
            {THEMES.map(([value, label]) => (
              <option value={value} selected={value === theme}>
                {label}
              </option>
            ))}
          </select>
        </p>
        <p>
          <button type="submit">Save</button>
        </p>
      </form>
    </>
  );
}
