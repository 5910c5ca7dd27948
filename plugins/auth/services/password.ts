import { constantTimeEqual, fromBase64, randomBytes, toBase64 } from './encoding';

/**
 * PBKDF2-SHA256 through WebCrypto. Production Workers cap PBKDF2 at 100,000 iterations (local
 * workerd does not), so hashing never uses more; the count is stored in each hash, so it can change
 * later without breaking old hashes.
 */
export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;
const SCHEME = 'pbkdf2-sha256';
/** What verification accepts from a stored hash: within the Workers cap, and not absurdly cheap. */
const MIN_ITERATIONS = 10_000;

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

/** `pbkdf2-sha256$100000$<salt b64>$<hash b64>` for a new password, with a fresh 16-byte salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, PBKDF2_ITERATIONS);
  return `${SCHEME}$${PBKDF2_ITERATIONS}$${toBase64(salt)}$${toBase64(hash)}`;
}

function parseHash(stored: string): { iterations: number; salt: Uint8Array; hash: Uint8Array } | null {
  const [scheme, rounds, salt, hash, ...rest] = stored.split('$');
  if (scheme !== SCHEME || rest.length > 0 || !rounds || !/^\d{1,7}$/.test(rounds)) return null;
  const iterations = Number(rounds);
  if (iterations < MIN_ITERATIONS || iterations > PBKDF2_ITERATIONS) return null;
  const saltBytes = salt ? fromBase64(salt) : null;
  const hashBytes = hash ? fromBase64(hash) : null;
  if (!saltBytes || !hashBytes || saltBytes.length < 16 || hashBytes.length !== HASH_BITS / 8) return null;
  return { iterations, salt: saltBytes, hash: hashBytes };
}

/** Whether `password` matches `stored`; reads the iteration count from the hash; constant-time compare. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  // A malformed stored hash still costs the same work, and never matches.
  const target = parsed ?? parseHash(DUMMY_HASH)!;
  const candidate = await derive(password, target.salt, target.iterations);
  return constantTimeEqual(candidate, target.hash) && parsed !== null;
}

/**
 * Verified against when the account does not exist, so unknown users and wrong passwords cost the
 * same PBKDF2 work. No password hashes to it (the "hash" is random bytes).
 */
export const DUMMY_HASH = 'pbkdf2-sha256$100000$3q2+7wAAAAAAAAAAAAAAAA==$kq0k4QYw7WQ8iE0bTzv1yKkq0Kq4m7R1X9yV2o0pS3c=';
