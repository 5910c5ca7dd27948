// Gives `npm run dev` an ES256 key pair for the auth plugin's access tokens: when .dev.vars has no
// AUTH_JWT_PRIVATE_KEY value, generates one and writes AUTH_JWT_PRIVATE_KEY / AUTH_JWT_PUBLIC_KEYS
// (single-line JSON) into it. Development only; production keys are set with `wrangler secret put`.
import { readFileSync, writeFileSync } from 'node:fs';
import { exportJWK, generateKeyPair } from 'jose';

/** Sets `name` in a dotenv text: replaces its (blank) line, or appends one. */
function setVar(text: string, name: string, value: string): string {
  const line = `${name}='${value}'`;
  const pattern = new RegExp(`^${name}=.*$`, 'm');
  return pattern.test(text) ? text.replace(pattern, () => line) : `${text.replace(/\n?$/, '\n')}${line}\n`;
}

/** A fresh ES256 signing key as the two single-line JWK JSON values the auth plugin reads. */
export async function generateAuthKeys(kidPrefix: string): Promise<{ privateJwk: object; publicJwk: object }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `${kidPrefix}-${new Date().toISOString().slice(0, 10)}-${crypto.randomUUID().slice(0, 8)}`;
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256' },
  };
}

/** Returns true when it generated keys. */
export async function ensureDevAuthKeys(devVarsPath: string): Promise<boolean> {
  const text = readFileSync(devVarsPath, 'utf8');
  if (/^AUTH_JWT_PRIVATE_KEY=[ \t]*\S/m.test(text)) return false;
  const { privateJwk, publicJwk } = await generateAuthKeys('dev');
  let next = setVar(text, 'AUTH_JWT_PRIVATE_KEY', JSON.stringify(privateJwk));
  next = setVar(next, 'AUTH_JWT_PUBLIC_KEYS', JSON.stringify([publicJwk]));
  writeFileSync(devVarsPath, next);
  return true;
}
