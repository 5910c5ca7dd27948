/** Byte helpers shared by the auth services (WebCrypto only; no Node APIs). */

export const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

export function fromBase64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

export const toBase64Url = (bytes: Uint8Array) => toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export const randomBytes = (length: number) => crypto.getRandomValues(new Uint8Array(length));

/** An opaque random token: 32 bytes, base64url. */
export const randomToken = () => toBase64Url(randomBytes(32));

/** SHA-256 of a token, hex: what the database stores instead of the token. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Compares two byte arrays in time that depends only on their lengths (which are not secret). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Constant-time comparison of two strings (e.g. a CSRF header against its cookie). */
export const constantTimeEqualText = (a: string, b: string) => constantTimeEqual(new TextEncoder().encode(a), new TextEncoder().encode(b));
