// `npm run auth:keygen`: prints a new ES256 signing key for production, as the values of
// AUTH_JWT_PRIVATE_KEY (a secret: pipe it to `wrangler secret put`) and AUTH_JWT_PUBLIC_KEYS.
import { generateAuthKeys } from './dev-auth-keys';

const { privateJwk, publicJwk } = await generateAuthKeys('atoll');
console.log(`AUTH_JWT_PRIVATE_KEY=${JSON.stringify(privateJwk)}`);
console.log(`AUTH_JWT_PUBLIC_KEYS=${JSON.stringify([publicJwk])}`);
