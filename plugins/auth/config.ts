import { z } from 'atoll/plugin';

const blank = (v: unknown) => (v === '' ? undefined : v);
const json = (v: string) => {
  try {
    return { ok: true as const, value: JSON.parse(v) as unknown };
  } catch {
    return { ok: false as const, value: undefined };
  }
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A P-256 JWK with a `kid`: what ES256 signs and verifies with. */
const isEcJwk = (v: unknown): v is Record<string, unknown> =>
  isObject(v) && v.kty === 'EC' && v.crv === 'P-256' && typeof v.x === 'string' && typeof v.y === 'string' && typeof v.kid === 'string' && v.kid.length > 0;

/** `AUTH_JWT_PRIVATE_KEY`: a private EC P-256 JWK (JSON) with `kid`. Messages never echo the value. */
const privateKey = z
  .string()
  .superRefine((v, ctx) => {
    const parsed = json(v);
    if (!parsed.ok || !isEcJwk(parsed.value) || typeof parsed.value.d !== 'string') {
      ctx.addIssue({ code: 'custom', message: 'must be a private EC P-256 JWK (JSON with kty, crv, x, y, d, kid)' });
    }
  })
  .transform((v) => JSON.parse(v) as JsonWebKeyWithKid);

/** `AUTH_JWT_PUBLIC_KEYS`: a JSON array of public EC P-256 JWKs with `kid` (old keys stay for rotation). */
const publicKeys = z
  .string()
  .superRefine((v, ctx) => {
    const parsed = json(v);
    if (!parsed.ok || !Array.isArray(parsed.value) || !parsed.value.every(isEcJwk)) {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of public EC P-256 JWKs, each with a kid' });
    }
  })
  .transform((v) => (JSON.parse(v) as JsonWebKeyWithKid[]).map(({ d: _d, ...pub }) => pub as JsonWebKeyWithKid));

// User ids, not emails: an email named here before its account exists could be claimed by whoever
// registers it first (emails are not verified).
const userIdList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.uuid('must be a comma-separated list of user ids')));

export type JsonWebKeyWithKid = JsonWebKey & { kid: string };

/**
 * The auth plugin's settings, each read from `AUTH_<KEY>`. The signing key is optional so the app
 * still boots without it (cookie sign-in keeps working); the token endpoints then answer 503.
 */
export const authConfigSchema = z
  .object({
    registration: z.preprocess(blank, z.enum(['open', 'closed']).default('open')),
    jwtPrivateKey: z.preprocess(blank, privateKey.optional()),
    jwtPublicKeys: z.preprocess(blank, publicKeys.default([])),
    jwtIssuer: z.preprocess(blank, z.string().min(1).max(200).default('urn:atoll')),
    jwtAudience: z.preprocess(blank, z.string().min(1).max(200).default('atoll-api')),
    accessTokenTtl: z.preprocess(blank, z.coerce.number().int().min(60).max(86_400).default(900)),
    refreshTokenTtl: z.preprocess(
      blank,
      z.coerce
        .number()
        .int()
        .min(3_600)
        .max(365 * 86_400)
        .default(30 * 86_400),
    ),
    platformAdmins: z.preprocess(blank, userIdList.default([])),
    oidcIssuer: z.preprocess(blank, z.url().optional()),
    oidcJwksUrl: z.preprocess(blank, z.url().optional()),
    oidcAudience: z.preprocess(blank, z.string().min(1).optional()),
    // Sign-in throttling (services/throttle.ts): a short growing delay, never a long lock.
    loginFreeFailures: z.preprocess(blank, z.coerce.number().int().min(1).max(100).default(5)),
    loginMaxDelaySeconds: z.preprocess(blank, z.coerce.number().int().min(1).max(300).default(60)),
    loginWindowSeconds: z.preprocess(blank, z.coerce.number().int().min(60).max(86_400).default(900)),
    loginAddressFailures: z.preprocess(blank, z.coerce.number().int().min(5).max(1_000_000).default(100)),
  })
  .superRefine((c, ctx) => {
    const oidc = [c.oidcIssuer, c.oidcJwksUrl, c.oidcAudience].filter((v) => v !== undefined).length;
    if (oidc > 0 && oidc < 3) {
      for (const key of ['oidcIssuer', 'oidcJwksUrl', 'oidcAudience'] as const) {
        if (c[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when any AUTH_OIDC_* setting is set' });
      }
    }
    if (c.oidcIssuer !== undefined && c.oidcIssuer === c.jwtIssuer) {
      ctx.addIssue({ code: 'custom', path: ['oidcIssuer'], message: 'must differ from AUTH_JWT_ISSUER' });
    }
  });

export type AuthConfig = z.output<typeof authConfigSchema>;
