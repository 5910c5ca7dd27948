import { AtollError, type Authenticator, getDb, type Principal } from 'atoll/plugin';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { decodeJwt, jwtVerify } from 'jose';
import type { AuthRuntime, AuthState } from '../context';
import { AuthErrorCode } from '../errors';
import { invalidToken, verifyAccessToken } from './access-token';
import { csrfPasses, SESSION_COOKIE } from './cookies';
import { findBrowserSession, findLiveSession, touchSession } from './sessions';
import { findAccount, isPlatformAdmin } from './users';

const BEARER = /^Bearer +([\x21-\x7e]{1,4096}) *$/i;

/** An external IdP token (Cognito or any OIDC issuer), mapped to an existing user by its verified email. */
async function externalPrincipal(c: Context, auth: AuthRuntime, token: string): Promise<Principal> {
  const oidc = auth.oidc!;
  let email: string;
  try {
    const { payload } = await jwtVerify(token, oidc.keys, { issuer: oidc.issuer, audience: oidc.audience, algorithms: ['RS256', 'ES256'], requiredClaims: ['exp'] });
    // Only a provider-verified email may stand for an Atoll account.
    if (typeof payload.email !== 'string' || payload.email_verified !== true) throw invalidToken();
    email = payload.email.trim().toLowerCase();
  } catch {
    throw invalidToken();
  }
  const user = await findAccount(getDb(c), email);
  if (!user) throw invalidToken('No account matches this identity');
  return { kind: 'user', userId: user.id, email: user.email, platformAdmin: isPlatformAdmin(auth.config, { userId: user.id, platformAdmin: user.platformAdmin }), via: 'external' };
}

// An access token's verified claims, per request: `claim` and `authenticate` both need them, and an
// ES256 verification is the costliest CPU work of an authenticated request.
const verified = new WeakMap<Request, { token: string; claims: Promise<{ userId: string; sessionId: string }> }>();

function accessClaims(c: Context, auth: AuthRuntime, token: string) {
  const cached = verified.get(c.req.raw);
  if (cached?.token === token) return cached.claims;
  const claims = verifyAccessToken(auth, token);
  verified.set(c.req.raw, { token, claims });
  return claims;
}

/** The bearer token of a request, when it is one of Atoll's access tokens (not a prefixed credential or an IdP's token). */
function accessTokenOf(c: Context, auth: AuthRuntime): string | undefined {
  const token = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
  if (!token || auth.verifiers.some((v) => token.startsWith(v.prefix))) return undefined;
  if (auth.oidc) {
    try {
      if (decodeJwt(token).iss === auth.oidc.issuer) return undefined;
    } catch {
      return undefined;
    }
  }
  return token;
}

async function bearerPrincipal(c: Context, auth: AuthRuntime, token: string): Promise<Principal> {
  const verifier = auth.verifiers.find((v) => token.startsWith(v.prefix));
  if (verifier) {
    const principal = await verifier.verify(c, token);
    if (!principal) throw invalidToken();
    return principal;
  }
  if (auth.oidc) {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw invalidToken();
    }
    if (issuer === auth.oidc.issuer) return externalPrincipal(c, auth, token);
  }
  const claims = await accessClaims(c, auth, token);
  const session = await findLiveSession(getDb(c), claims);
  if (!session) throw invalidToken('The session has ended');
  return { kind: 'user', userId: session.userId, email: session.email, platformAdmin: isPlatformAdmin(auth.config, session), sessionId: session.sessionId, via: 'token' };
}

async function cookiePrincipal(c: Context, auth: AuthRuntime, token: string): Promise<Principal | null> {
  const db = getDb(c);
  const session = await findBrowserSession(db, token);
  // A stale cookie counts as signed out, so pages send the browser to the login page.
  if (!session) return null;
  if (!(await csrfPasses(c))) throw new AtollError('forbidden', AuthErrorCode.CSRF_FAILED, 'The CSRF token is missing or does not match');
  await touchSession(db, session.sessionId, session.lastUsedAt);
  if (session.preferences.theme) c.set('theme', session.preferences.theme);
  return { kind: 'user', userId: session.userId, email: session.email, platformAdmin: isPlatformAdmin(auth.config, session), sessionId: session.sessionId, via: 'cookie' };
}

/**
 * `Authorization: Bearer` (a prefix-claimed credential, an external IdP token, or an Atoll access
 * token whose session is still live), else the `atoll_session` cookie (with CSRF on state changes).
 */
export function createAuthenticator(state: AuthState): Authenticator {
  return {
    async authenticate(c) {
      const auth = state.runtime;
      const header = c.req.header('authorization');
      if (header !== undefined) {
        const match = BEARER.exec(header);
        if (!match) throw invalidToken('Send credentials as Authorization: Bearer <token>');
        return bearerPrincipal(c, auth, match[1]!);
      }
      const cookie = getCookie(c, SESSION_COOKIE);
      return cookie ? cookiePrincipal(c, auth, cookie) : null;
    },

    async claim(c) {
      const auth = state.runtime;
      const token = accessTokenOf(c, auth);
      // A bad token is refused by `authenticate`, with its own message.
      return token ? accessClaims(c, auth, token).then(({ userId }) => ({ userId })) : undefined;
    },
  };
}
