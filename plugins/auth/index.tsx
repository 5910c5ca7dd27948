import { coreExtensionPoints, definePlugin } from 'atoll/plugin';
import { authConfigSchema } from './config';
import { AuthState } from './context';
import { accountPages } from './pages/account-pages';
import { signInPages } from './pages/sign-in-pages';
import { authCredentialsExtension, authEventsExtension, type CredentialVerifier, type SignInEvent, usersServiceRef } from './refs';
import { jwksRoute } from './routes/jwks';
import { loginRoute } from './routes/login';
import { logoutRoutes } from './routes/logout';
import { meRoutes } from './routes/me';
import { refreshRoute } from './routes/refresh';
import { registerRoute } from './routes/register';
import { sessionRoutes } from './routes/sessions';
import { createAuthenticator } from './services/authenticate';
import { csrfFormFields } from './services/csrf-form-fields';
import { externalIssuer, loadSigningKeys, localKeySet } from './services/keys';
import { usersService } from './services/users';
import { UserMenu } from './views/header-widget';

export type { AuthCredentialsExtension, AuthEventsExtension, CredentialVerifier, SignInEvent, UserSummary, UsersService } from './refs';
export { authCredentialsExtension, authEventsExtension, usersServiceRef } from './refs';

/**
 * Identity: accounts, password sign-in, ES256 access tokens with rotating refresh tokens, browser
 * sessions with CSRF protection, optional external OIDC tokens, and the request authenticator.
 * `now` is the sign-in throttle's clock, for tests that step through its delays.
 */
export const authPlugin = definePlugin((options: { now?: () => Date } = {}) => {
  const state = new AuthState();
  return {
    id: 'auth',
    version: '0.1.0',
    description: 'Accounts, sign-in, tokens and sessions',
    host: '^0.1.0',
    config: authConfigSchema,
    migrations: 'plugins/auth/migrations',
    setup: async (ctx) => {
      const keys = await loadSigningKeys(ctx.config);
      if (!keys.signer) ctx.logger.warn('AUTH_JWT_PRIVATE_KEY is not set: the token endpoints answer 503 (browser sign-in still works)');
      const verifiers: CredentialVerifier[] = [];
      const signInListeners: ((e: SignInEvent) => Promise<void>)[] = [];
      state.set({
        config: ctx.config,
        logger: ctx.logger,
        signer: keys.signer,
        publicJwks: keys.publicJwks,
        verificationKeys: localKeySet(keys.publicJwks),
        oidc: externalIssuer(ctx.config),
        verifiers,
        signInListeners,
        ...(options.now ? { now: options.now } : {}),
      });
      ctx.registerExtensionPoint(authCredentialsExtension, {
        addVerifier: (v) => {
          if (!/^[A-Za-z0-9_-]{2,16}$/.test(v.prefix) || verifiers.some((o) => o.prefix.startsWith(v.prefix) || v.prefix.startsWith(o.prefix))) {
            throw new Error(`auth: credential prefix "${v.prefix}" is invalid or overlaps another`);
          }
          verifiers.push(v);
        },
      });
      ctx.registerExtensionPoint(authEventsExtension, { onSignIn: (listener) => void signInListeners.push(listener) });
      ctx.provide(usersServiceRef, usersService);
      const access = ctx.extensionPoint(coreExtensionPoints.access);
      access.setAuthenticator(createAuthenticator(state));
      access.setLoginPath('/app/login');
      ctx.use('/app/*', csrfFormFields);
      ctx.extensionPoint(coreExtensionPoints.layout).addHeaderWidget((c) => <UserMenu c={c} />, 10);
    },
    routes: () => [registerRoute(state), loginRoute(state), refreshRoute(state), ...logoutRoutes(state), ...sessionRoutes(state), ...meRoutes(state), jwksRoute(state)],
    views: () => [...signInPages(state), ...accountPages(state)],
  };
});
