/** Key secrets: `atk_<key id without dashes>_<32 random bytes, base64url>`; only their SHA-256 is stored. */
export const API_KEY_PREFIX = 'atk_';

const SECRET = /^atk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

export function newSecret(keyId: string): string {
  return `${API_KEY_PREFIX}${keyId.replace(/-/g, '')}_${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** The key id inside a presented secret, or null when it is not shaped like one of ours. */
export function keyIdOf(secret: string): string | null {
  const hex = SECRET.exec(secret)?.[1];
  return hex ? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` : null;
}

export async function hashSecret(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Compares two hex digests in time independent of where they differ. */
export function sameDigest(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
