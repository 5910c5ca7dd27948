import { AtollError } from 'atoll/plugin';
import { jwtVerify, SignJWT } from 'jose';
import type { AuthRuntime } from '../context';
import { AuthErrorCode } from '../errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const invalidToken = (detail = 'The credentials are invalid or expired') => new AtollError('unauthorized', AuthErrorCode.INVALID_TOKEN, detail);

/** 503 when this server has no signing key (`AUTH_JWT_PRIVATE_KEY`); checked before any session is made. */
export function assertTokensConfigured(auth: AuthRuntime): NonNullable<AuthRuntime['signer']> {
  if (!auth.signer) throw new AtollError('unavailable', AuthErrorCode.TOKENS_UNAVAILABLE, 'Access tokens are not configured on this server');
  return auth.signer;
}

/** Signs an ES256 access token (`typ: access`) for a user's session. */
export async function issueAccessToken({ ctx, input }: { ctx: { auth: AuthRuntime }; input: { userId: string; sessionId: string } }) {
  const signer = assertTokensConfigured(ctx.auth);
  const { config } = ctx.auth;
  const token = await new SignJWT({ typ: 'access', sid: input.sessionId })
    .setProtectedHeader({ alg: 'ES256', kid: signer.kid, typ: 'JWT' })
    .setIssuer(config.jwtIssuer)
    .setAudience(config.jwtAudience)
    .setSubject(input.userId)
    .setIssuedAt()
    .setExpirationTime(`${config.accessTokenTtl}s`)
    .setJti(crypto.randomUUID())
    .sign(signer.key);
  return { accessToken: token, expiresIn: config.accessTokenTtl };
}

/**
 * Verifies an Atoll access token: ES256 only (so `none` and HS256 are refused), a published kid,
 * our issuer and audience, not expired, `typ: access`. Any failure is the same 401.
 */
export async function verifyAccessToken(auth: AuthRuntime, token: string): Promise<{ userId: string; sessionId: string }> {
  try {
    const { payload } = await jwtVerify(token, auth.verificationKeys, {
      algorithms: ['ES256'],
      issuer: auth.config.jwtIssuer,
      audience: auth.config.jwtAudience,
      requiredClaims: ['sub', 'exp', 'iat', 'jti', 'sid'],
    });
    if (payload.typ !== 'access' || typeof payload.sid !== 'string' || !UUID.test(payload.sid) || !UUID.test(payload.sub ?? '')) throw invalidToken();
    return { userId: payload.sub!, sessionId: payload.sid };
  } catch {
    throw invalidToken();
  }
}
