// A request refused before its body is read must leave its keep-alive connection healthy under
// `wrangler dev` (workerd behind wrangler's proxy). An unread body used to poison the connection: the
// next request on the same socket got 503 "worker restarted mid-request" or a 500 text/plain naming
// an internal file. Requests go through one node:http agent with a single socket, so each pair
// shares it.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startWorkerStack, type WorkerStack } from '../../scripts/lib/worker-stack';
import type {} from '../global-setup'; // the `inject` keys (ProvidedContext)
import { api } from './runner-stack';

const MAX_BODY_BYTES = 64 * 1024;

interface Answer {
  status: number;
  contentType: string;
  text: string;
  reusedSocket: boolean;
}

let stack: WorkerStack;
let agent: Agent;
let token: string;

/** One request on the shared agent; `body` as an array is sent chunked (no content-length). */
function send(method: string, path: string, headers: Record<string, string>, body?: string | string[]): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${stack.baseUrl}${path}`, { method, agent, headers, timeout: 30_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), text, reusedSocket: req.reusedSocket }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
    // A server may answer before the whole body is sent and close: that is not the failure sought.
    req.on('error', (error) => reject(error));
    if (Array.isArray(body)) {
      for (const chunk of body) req.write(chunk);
    } else if (body !== undefined) {
      req.setHeader('content-length', Buffer.byteLength(body));
      req.write(body);
    }
    req.end();
  });
}

const shown = (what: string, a: Answer) => `${what} -> ${a.status} ${a.contentType}: ${a.text.slice(0, 2000)}\nwrangler: ${stack.output().slice(-3000)}`;

/** The follow-up on the same agent answers normally: the connection survived the refusal. */
async function expectHealthyNext(after: string) {
  for (const path of ['/health/live', '/api/v1/auth/me']) {
    const next = await send('GET', path, { authorization: `Bearer ${token}` });
    expect(next.status, shown(`GET ${path} after ${after}`, next)).toBe(200);
    expect(next.contentType, shown(`GET ${path} after ${after}`, next)).toMatch(/^application\/json/);
    // Else the agent opened a new connection and the old one's fate was never tested.
    expect(next.reusedSocket, `GET ${path} after ${after} on a new socket`).toBe(true);
  }
}

function expectProblem(a: Answer, what: string, status: number, code: string) {
  expect(a.status, shown(what, a)).toBe(status);
  expect(a.contentType, shown(what, a)).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(a.text), shown(what, a)).toMatchObject({ status, code });
  expect(a.text, shown(what, a)).not.toMatch(/\.ts\b|\.js\b|reconstruct/);
}

beforeAll(async () => {
  stack = await startWorkerStack({
    s3Endpoint: inject('s3Endpoint'),
    s3Bucket: inject('s3Bucket'),
    vars: {
      AUTH_JWT_PRIVATE_KEY: inject('authJwtPrivateKey'),
      AUTH_JWT_PUBLIC_KEYS: inject('authJwtPublicKeys'),
      MAX_BODY_BYTES: String(MAX_BODY_BYTES),
    },
  });
  agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const email = `keepalive-${Date.now().toString(36)}@example.com`;
  const password = 'a long enough test passphrase';
  await api(stack.baseUrl, 'POST', '/api/v1/auth/register', {}, { body: { email, password, name: 'keepalive' } });
  token = (await api(stack.baseUrl, 'POST', '/api/v1/auth/login', {}, { body: { email, password } })).accessToken;
}, 180_000);

afterAll(async () => {
  agent?.destroy();
  await stack?.stop();
});

describe('a refused request on a keep-alive connection', () => {
  // Big enough that workerd cannot have taken it in with the headers, under the body limit.
  const body = JSON.stringify({ name: 'x'.repeat(48 * 1024), scopes: [] });

  it('401 without credentials on a tenant route, then the next request on the socket answers', async () => {
    for (let round = 0; round < 3; round++) {
      const refused = await send('POST', `/api/v1/tenants/${randomUUID()}/api-keys`, { 'content-type': 'application/json' }, body);
      expectProblem(refused, 'POST api-keys without credentials', 401, 'KERNEL_UNAUTHENTICATED');
      await expectHealthyNext('a 401');
    }
  });

  it('404 for a non-member on a tenant route, then the next request answers', async () => {
    for (let round = 0; round < 3; round++) {
      const refused = await send('POST', `/api/v1/tenants/${randomUUID()}/api-keys`, { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body);
      expect(refused.status, shown('POST api-keys of another tenant', refused)).toBe(404);
      expect(refused.contentType, shown('POST api-keys of another tenant', refused)).toMatch(/^application\/problem\+json/);
      await expectHealthyNext('a 404');
    }
  });

  it('413 for a chunked body over the limit, then the next request answers', async () => {
    const chunk = 'y'.repeat(16 * 1024);
    for (let round = 0; round < 3; round++) {
      // ~96 KiB: over the 64 KiB limit, with less than the limit again left to drain after the 413.
      const chunks = ['{"email":"a@example.com","password":"', ...Array.from({ length: 6 }, () => chunk), '"}'];
      const refused = await send('POST', '/api/v1/auth/login', { 'content-type': 'application/json' }, chunks);
      expectProblem(refused, 'chunked POST over the limit', 413, 'KERNEL_PAYLOAD_TOO_LARGE');
      await expectHealthyNext('a 413');
    }
  });
});
