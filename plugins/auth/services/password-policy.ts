import { validationFailed, z } from 'atoll/plugin';
import { AuthErrorCode } from '../errors';

/** 10 to 256 characters (enforced by the request schemas). */
export const PasswordSchema = z.string().min(10, 'must be at least 10 characters').max(256, 'must be at most 256 characters');

/** Emails are compared trimmed and lower-cased everywhere. */
export const EmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email('must be an email address')).openapi({ format: 'email' });

/** The rule no schema can express alone: the password must not be the email. */
export function assertPasswordPolicy(password: string, email: string, field = 'password'): void {
  const problems: string[] = [];
  if (password.length < 10) problems.push('must be at least 10 characters');
  if (password.length > 256) problems.push('must be at most 256 characters');
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) problems.push('must not be your email address');
  if (problems.length > 0) {
    throw validationFailed(
      AuthErrorCode.WEAK_PASSWORD,
      'The password does not meet the policy',
      problems.map((message) => ({ location: 'body', path: field, message })),
    );
  }
}
