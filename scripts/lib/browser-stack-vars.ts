// What a browser run against the Worker needs besides the stack: an auth signing key and Debian's
// headless Chromium. Shared by the browser tests (test/browser/harness.ts) and `npm run screenshots`.
import { exportJWK, generateKeyPair } from 'jose';
import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's `chromium-headless-shell` package: no browser download (CI installs it, see .ci/run).
 * The same Blink as the `chromium` package without the browser around it: the axe tour took
 * 76 CPU-seconds of Chromium with it against 113 with `chromium --headless` (its renderer for
 * the browser UI, the GPU process and the extension Debian's wrapper loads), on 2 cores that the
 * whole suite keeps busy.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium-headless-shell';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox', // CI runs as root, where Chromium's sandbox cannot start
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** An ES256 signing key for the auth plugin: private JWK with a `kid`, and the public key set. */
export async function jwtKeyVars(): Promise<Record<string, string>> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `browser-test-${Date.now().toString(36)}`;
  const common = { kid, alg: 'ES256', use: 'sig' };
  return {
    AUTH_JWT_PRIVATE_KEY: JSON.stringify({ ...(await exportJWK(privateKey)), ...common }),
    AUTH_JWT_PUBLIC_KEYS: JSON.stringify([{ ...(await exportJWK(publicKey)), ...common }]),
  };
}
