import { createRoute, defineRoute, getUser, problemResponses, z } from 'atoll/plugin';
import type { AuthState } from '../context';
import { changePassword } from '../services/change-password';
import { PasswordSchema } from '../services/password-policy';
import { getProfile, updateName, updatePreferences } from '../services/users';
import { depsOf } from './deps';
import { json, jsonBody, PreferencesSchema, ProfileSchema } from './schemas';

const getMe = createRoute({
  method: 'get',
  path: '/auth/me',
  operationId: 'auth.getMe',
  summary: 'The signed-in user',
  responses: { 200: { description: 'Profile', ...json(ProfileSchema) }, ...problemResponses(401, 403) },
});

const patchMe = createRoute({
  method: 'patch',
  path: '/auth/me',
  operationId: 'auth.updateMe',
  summary: 'Change your display name (null clears it)',
  request: jsonBody(z.object({ name: z.string().trim().min(1).max(100).nullable() }).strict()),
  responses: { 200: { description: 'Profile', ...json(ProfileSchema) }, ...problemResponses(400, 401, 403) },
});

const patchPreferences = createRoute({
  method: 'patch',
  path: '/auth/me/preferences',
  operationId: 'auth.updatePreferences',
  summary: 'Change preferences; only the fields sent change',
  request: jsonBody(PreferencesSchema),
  responses: { 200: { description: 'All preferences after the change', ...json(PreferencesSchema) }, ...problemResponses(400, 401, 403) },
});

const postPassword = createRoute({
  method: 'post',
  path: '/auth/me/password',
  operationId: 'auth.changePassword',
  summary: 'Change your password; every other session ends',
  request: jsonBody(z.object({ currentPassword: z.string().min(1).max(256), newPassword: PasswordSchema })),
  responses: { 204: { description: 'Changed' }, ...problemResponses(400, 401, 403, 429) },
});

export const meRoutes = (state: AuthState) => [
  defineRoute(getMe, async (c) => c.json(await getProfile({ ctx: depsOf(c, state), input: { userId: getUser(c).userId } }), 200)),
  defineRoute(patchMe, async (c) => {
    const input = { userId: getUser(c).userId, name: c.req.valid('json').name };
    return c.json(await updateName({ ctx: depsOf(c, state), input }), 200);
  }),
  defineRoute(patchPreferences, async (c) => {
    const input = { userId: getUser(c).userId, preferences: c.req.valid('json') };
    return c.json(await updatePreferences({ ctx: depsOf(c, state), input }), 200);
  }),
  defineRoute(postPassword, async (c) => {
    const user = getUser(c);
    const body = c.req.valid('json');
    await changePassword({ ctx: depsOf(c, state), input: { userId: user.userId, sessionId: user.sessionId, ...body } });
    return c.body(null, 204);
  }),
];
