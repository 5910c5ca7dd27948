import { AtollError, definePage, type PageDefinition, redirectTo } from 'atoll/plugin';
import type { Context } from 'hono';
import type { AuthState } from '../context';
import { AuthErrorCode } from '../errors';
import { depsOf } from '../routes/deps';
import { REGISTRATION_RATE_LIMIT } from '../routes/register';
import { RegisterBodySchema } from '../routes/schemas';
import { clearSessionCookies, fromSameSite, setSessionCookies } from '../services/cookies';
import { revokeSession } from '../services/sessions';
import { invalidCredentials, signInWithPassword } from '../services/sign-in';
import { registerUser } from '../services/users';
import { LogoutPage } from '../views/account-pages';
import { field, safeNext } from '../views/forms';
import { LoginPage, loginNext } from '../views/login-page';
import { RegisterPage } from '../views/register-page';

async function formOf(c: Context) {
  if (!fromSameSite(c)) throw new AtollError('forbidden', AuthErrorCode.CSRF_FAILED, 'This form must be sent from this site');
  return (await c.req.parseBody()) as Record<string, unknown>;
}

/** Shows a sign-in failure on the page itself (htmx requests get the kernel's error partial). */
function pageError(c: Context, error: unknown): string {
  if (!(error instanceof AtollError) || c.req.header('hx-request') === 'true') throw error;
  if (!['unauthorized', 'rate_limited', 'validation', 'conflict', 'forbidden'].includes(error.kind)) throw error;
  c.status(error.kind === 'rate_limited' ? 429 : error.kind === 'unauthorized' ? 401 : error.kind === 'conflict' ? 409 : error.kind === 'forbidden' ? 403 : 400);
  if (error.retryAfter !== undefined) c.header('retry-after', String(Math.ceil(error.retryAfter)));
  return error.message;
}

async function startBrowserSession(c: Context, state: AuthState, email: string, password: string, next: string) {
  const session = await signInWithPassword({ ctx: depsOf(c, state), input: { email, password, kind: 'browser' } });
  setSessionCookies(c, session.token, session.ttlSeconds);
  return c.redirect(safeNext(next), 303);
}

/** Sign-in, registration and sign-out pages. The first two are public (pre-auth, so no CSRF). */
export const signInPages = (state: AuthState): PageDefinition[] => {
  const open = () => state.runtime.config.registration === 'open';
  const signedInAs = (c: Context) => {
    const p = c.get('principal');
    return p?.kind === 'user' ? p.email : undefined;
  };
  return [
    definePage({
      path: '/login',
      title: 'Sign in',
      access: 'public',
      render: (c) => <LoginPage next={safeNext(loginNext(c))} registrationOpen={open()} signedInAs={signedInAs(c)} />,
    }),
    definePage({
      path: '/login',
      method: 'post',
      title: 'Sign in',
      access: 'public',
      render: async (c) => {
        const form = await formOf(c);
        const [email, password, next] = [field(form, 'email'), field(form, 'password'), safeNext(field(form, 'next'))];
        try {
          if (!email || !password || password.length > 256) throw invalidCredentials();
          return await startBrowserSession(c, state, email, password, next);
        } catch (error) {
          return <LoginPage next={next} email={email} error={pageError(c, error)} registrationOpen={open()} />;
        }
      },
    }),
    definePage({ path: '/register', title: 'Create an account', access: 'public', render: (c) => <RegisterPage open={open()} next={safeNext(loginNext(c))} /> }),
    definePage({
      path: '/register',
      method: 'post',
      title: 'Create an account',
      access: 'public',
      rateLimit: REGISTRATION_RATE_LIMIT,
      render: async (c) => {
        const form = await formOf(c);
        const values = { email: field(form, 'email'), name: field(form, 'name'), next: safeNext(field(form, 'next')) };
        const parsed = RegisterBodySchema.safeParse({ email: values.email, password: field(form, 'password'), name: values.name.trim() || undefined });
        if (!parsed.success) {
          c.status(400);
          const problems = parsed.error.issues.map((i) => `${String(i.path[0] ?? 'form')}: ${i.message}`);
          return <RegisterPage open={open()} {...values} error="Please correct the form." problems={problems} />;
        }
        try {
          await registerUser({ ctx: depsOf(c, state), input: parsed.data });
          return await startBrowserSession(c, state, parsed.data.email, parsed.data.password, values.next);
        } catch (error) {
          const problems = error instanceof AtollError ? error.errors?.map((e) => `${e.path}: ${e.message}`) : undefined;
          return <RegisterPage open={open()} {...values} error={pageError(c, error)} problems={problems} />;
        }
      },
    }),
    definePage({ path: '/logout', title: 'Sign out', render: () => <LogoutPage /> }),
    definePage({
      path: '/logout',
      method: 'post',
      title: 'Sign out',
      render: async (c) => {
        const user = c.get('principal');
        if (user?.kind === 'user' && user.sessionId) await revokeSession({ ctx: depsOf(c, state), input: { userId: user.userId, sessionId: user.sessionId } });
        clearSessionCookies(c);
        return redirectTo(c, '/app/login', { notice: 'signed-out' });
      },
    }),
  ];
};
