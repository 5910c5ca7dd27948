import { definePage, getUser, type PageDefinition, validationFailed } from 'atoll/plugin';
import type { AuthState } from '../context';
import { depsOf } from '../routes/deps';
import { ThemeSchema } from '../routes/schemas';
import { clearSessionCookies } from '../services/cookies';
import { listSessions } from '../services/list-sessions';
import { revokeSession } from '../services/sessions';
import { getProfile, updatePreferences } from '../services/users';
import { PreferencesPage, SessionsPage } from '../views/account-pages';
import { field } from '../views/forms';

/** The signed-in user's own pages: sessions and preferences (default access: signed in). */
export const accountPages = (state: AuthState): PageDefinition[] => [
  definePage({
    path: '/account/sessions',
    title: 'Your sessions',
    render: async (c) => {
      const user = getUser(c);
      const cursor = c.req.query('cursor');
      const page = await listSessions({ ctx: depsOf(c, state), input: { userId: user.userId, currentSessionId: user.sessionId, limit: 100, ...(cursor ? { cursor } : {}) } });
      return <SessionsPage sessions={page.items} nextCursor={page.nextCursor} />;
    },
  }),
  definePage({
    path: '/account/sessions/:id/end',
    method: 'post',
    title: 'End session',
    render: async (c) => {
      const user = getUser(c);
      const id = c.req.param('id') ?? '';
      // Someone else's (or an unknown) id changes nothing: the update is limited to the caller's rows.
      if (/^[0-9a-f-]{36}$/i.test(id)) await revokeSession({ ctx: depsOf(c, state), input: { userId: user.userId, sessionId: id } });
      if (id === user.sessionId) {
        clearSessionCookies(c);
        return c.redirect('/app/login', 303);
      }
      return c.redirect('/app/account/sessions', 303);
    },
  }),
  definePage({
    path: '/account/preferences',
    title: 'Preferences',
    render: async (c) => {
      const profile = await getProfile({ ctx: depsOf(c, state), input: { userId: getUser(c).userId } });
      return <PreferencesPage preferences={profile.preferences} saved={c.req.query('saved') === '1'} />;
    },
  }),
  definePage({
    path: '/account/preferences',
    method: 'post',
    title: 'Preferences',
    render: async (c) => {
      const theme = ThemeSchema.safeParse(field((await c.req.parseBody()) as Record<string, unknown>, 'theme'));
      if (!theme.success) throw validationFailed('AUTH_INVALID_PREFERENCES', 'The theme is invalid', [{ location: 'body', path: 'theme', message: 'must be light, dark or system' }]);
      await updatePreferences({ ctx: depsOf(c, state), input: { userId: getUser(c).userId, preferences: { theme: theme.data } } });
      return c.redirect('/app/account/preferences?saved=1', 303);
    },
  }),
];
