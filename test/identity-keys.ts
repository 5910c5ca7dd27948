// Test keys for the auth plugin, made fresh per run in Node: an ES256 pair that signs Atoll access
// tokens, and an RS256 pair of a stand-in external identity provider whose JWKS a loopback HTTP
// server publishes (the Worker fetches it like Cognito's).
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';

export async function startTestIdentityKeys() {
  const atoll = await generateKeyPair('ES256', { extractable: true });
  const kid = `test-${Date.now()}`;
  const privateJwk = { ...(await exportJWK(atoll.privateKey)), kid, alg: 'ES256' };
  const publicJwk = { ...(await exportJWK(atoll.publicKey)), kid, alg: 'ES256' };

  const idp = await generateKeyPair('RS256', { extractable: true });
  const idpKid = 'idp-test-key';
  const idpPublic = { ...(await exportJWK(idp.publicKey)), kid: idpKid, alg: 'RS256', use: 'sig' };
  const idpPrivate = { ...(await exportJWK(idp.privateKey)), kid: idpKid, alg: 'RS256' };
  const body = JSON.stringify({ keys: [idpPublic] });
  const server = createServer((req, res) => {
    if (req.url === '/.well-known/jwks.json') res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    jwtPrivateKey: JSON.stringify(privateJwk),
    jwtPublicKeys: JSON.stringify([publicJwk]),
    oidcJwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    oidcPrivateJwk: JSON.stringify(idpPrivate),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
