import { z } from 'atoll/plugin';
import { EmailSchema, PasswordSchema } from '../services/password-policy';

export const ThemeSchema = z.enum(['light', 'dark', 'system']);

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.string().openapi({ format: 'email', example: 'ada@example.com' }),
    name: z.string().nullable(),
    createdAt: z.string().openapi({ format: 'date-time', example: '2026-01-01T00:00:00.000Z' }),
  })
  .openapi('AuthUser');

export const PreferencesSchema = z
  .object({
    theme: ThemeSchema.optional(),
    timeZone: z
      .string()
      .max(64)
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as Europe/Paris')
      .optional(),
  })
  .strict()
  .openapi('AuthPreferences');

export const ProfileSchema = UserSchema.extend({ platformAdmin: z.boolean(), preferences: PreferencesSchema }).openapi('AuthProfile');

export const RegisterBodySchema = z.object({ email: EmailSchema, password: PasswordSchema, name: z.string().trim().min(1).max(100).optional() }).openapi('AuthRegister');

export const LoginBodySchema = z.object({ email: EmailSchema, password: z.string().min(1).max(256) }).openapi('AuthLogin');

export const RefreshBodySchema = z.object({ refreshToken: z.string().min(1).max(200) }).openapi('AuthRefresh');

export const TokenPairSchema = z
  .object({
    accessToken: z.string(),
    refreshToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().openapi({ description: 'Seconds until the access token expires', example: 900 }),
  })
  .openapi('AuthTokens');

export const SessionSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['api', 'browser']),
    createdAt: z.string().openapi({ format: 'date-time' }),
    lastUsedAt: z.string().openapi({ format: 'date-time' }),
    userAgent: z.string().nullable(),
    current: z.boolean(),
  })
  .openapi('AuthSession');

export const SessionPageSchema = z.object({ items: z.array(SessionSchema), nextCursor: z.string().nullable() }).openapi('AuthSessionPage');

export const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
export const jsonBody = <S extends z.ZodType>(schema: S) => ({ body: { ...json(schema), required: true } });
