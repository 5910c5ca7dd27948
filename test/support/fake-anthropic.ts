// A local stand-in for the Claude Messages API (tests may not call the real one). It validates
// requests as API version 2026-10-21 does, answers each with the next turn of a script a test put
// over HTTP (tests in workerd reach it only by fetch), streams server-sent events as the API frames
// them, and records what it received and when (for bench/chat.ts). Script format: fake-anthropic-types.ts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { answerEvents, answerMessage, fakeId, sseFrame } from './fake-anthropic-answer';
import { estimateInput, ScriptBook, scriptKeyOf } from './fake-anthropic-scripts';
import type { FakeError, FakeRecordedRequest, FakeRequestTiming, FakeTurn } from './fake-anthropic-types';
import { checkAuth, checkBody, checkVersion } from './fake-anthropic-validate';

export interface FakeAnthropic {
  /** The base URL to give the SDK (`baseURL`) and the scripting client. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the fake on a free loopback port.
 *
 * @example
 * const fake = await startFakeAnthropic();
 * await scriptFake(fake.url, 'k1', [{ blocks: [{ type: 'text', text: 'Hi' }] }]);
 * const client = new Anthropic({ apiKey: 'test', baseURL: fake.url });
 * await client.messages.create({ model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'Hello [[fake:k1]]' }] });
 */
export async function startFakeAnthropic(): Promise<FakeAnthropic> {
  const book = new ScriptBook();
  // Aborted on close, so answers paused by holdMs / delayMs end at once instead of holding close().
  const closing = new AbortController();
  const server = createServer((req, res) => {
    handle(book, req, res, closing.signal).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, { status: 500, type: 'api_error', message: String(error) });
      else res.destroy();
    });
  });
  // A client that drops its connection mid-request must not take the server (and the suite) down.
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // the SDK keeps sockets alive; close() alone would wait for them
      }),
  };
}

/** The clock of FakeRequestTiming, which a benchmark in this process shares. */
const now = () => performance.timeOrigin + performance.now();

async function handle(book: ScriptBook, req: IncomingMessage, res: ServerResponse, closing: AbortSignal) {
  // The headers are in: the moment the caller's request reached the fake.
  const timing: FakeRequestTiming = { receivedAt: now() };
  req.on('error', () => {});
  res.on('error', () => {});
  const url = new URL(req.url ?? '/', 'http://fake');
  const text = await readBody(req);
  const scripted = /^\/__scripts\/([^/]+)(\/requests)?$/.exec(url.pathname);
  if (scripted) return handleScript(book, req.method ?? 'GET', decodeURIComponent(scripted[1]!), Boolean(scripted[2]), text, res);
  if (req.method !== 'POST' || (url.pathname !== '/v1/messages' && url.pathname !== '/v1/messages/count_tokens')) {
    return sendError(res, { status: 404, type: 'not_found_error', message: `Not found: ${req.method} ${url.pathname}` });
  }

  const body = parseJson(text);
  const key = scriptKeyOf(body);
  // Requests without a key are answered but not kept: no test could ask for them.
  if (key) book.record(key, { path: url.pathname + url.search, headers: recordedHeaders(req), body: body ?? text, timing });
  const kind = url.pathname.endsWith('/count_tokens') ? 'count' : 'create';
  const beta = url.searchParams.has('beta') || Boolean(req.headers['anthropic-beta']);
  const refused = checkAuth(req.headers) ?? checkVersion(req.headers) ?? (body === undefined ? invalidJson() : checkBody(body, kind, beta));
  if (refused) return sendError(res, refused, timing);

  const params = body as Record<string, unknown>;
  if (kind === 'count') return sendJson(res, 200, { input_tokens: estimateInput(params).total }, timing);
  const turn = book.nextTurn(key);
  return answer(res, turn, params, book.inputUsage(key, params), closing, timing);
}

async function answer(res: ServerResponse, turn: FakeTurn, params: Record<string, unknown>, input: ReturnType<ScriptBook['inputUsage']>, closing: AbortSignal, timing: FakeRequestTiming) {
  // Stops the pauses once the client hangs up (an aborted stream) or the fake closes.
  const gone = AbortSignal.any([closing, abortedBy(res)]);
  if (turn.holdMs) await pause(turn.holdMs, gone);
  if (gone.aborted) return;
  if (turn.error) return sendError(res, turn.error, timing);
  const model = String(params.model);
  if (params.stream !== true) return sendJson(res, 200, answerMessage(turn, model, input), timing);

  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'request-id': fakeId('req') });
  res.flushHeaders();
  for (const event of answerEvents(turn, model, input)) {
    if (gone.aborted) return;
    timing.firstByteAt ??= now();
    res.write(sseFrame(event));
    if (turn.delayMs) await pause(turn.delayMs, gone);
  }
  endWith(res, undefined, timing);
}

function handleScript(book: ScriptBook, method: string, key: string, listing: boolean, text: string, res: ServerResponse) {
  if (listing && method === 'GET') return sendJson(res, 200, { requests: book.requests(key) });
  if (!listing && method === 'DELETE') {
    book.delete(key);
    return sendEmpty(res);
  }
  if (!listing && method === 'PUT') {
    const turns = (parseJson(text) as { turns?: unknown } | undefined)?.turns;
    const bad = Array.isArray(turns) ? turns.findIndex((turn) => !Array.isArray((turn as FakeTurn | null)?.blocks)) : 0;
    if (bad !== -1) return sendJson(res, 400, { error: `expected { turns: [{ blocks: [...] }, ...] }; turns.${bad} is not a turn` });
    book.put(key, turns as FakeTurn[]);
    return sendEmpty(res);
  }
  return sendJson(res, 405, { error: 'use PUT or DELETE /__scripts/<key>, or GET /__scripts/<key>/requests' });
}

/** The headers a test may assert on; credentials are masked but their presence stays visible. */
function recordedHeaders(req: IncomingMessage): FakeRecordedRequest['headers'] {
  const { authorization, 'x-api-key': apiKey, 'anthropic-version': version, 'anthropic-beta': beta } = req.headers;
  const headers: FakeRecordedRequest['headers'] = {};
  if (authorization !== undefined) headers.authorization = /^Bearer\s/i.test(authorization) ? 'Bearer ***' : '***';
  if (apiKey !== undefined) headers['x-api-key'] = '***';
  if (typeof version === 'string') headers['anthropic-version'] = version;
  if (typeof beta === 'string') headers['anthropic-beta'] = beta;
  return headers;
}

function abortedBy(res: ServerResponse): AbortSignal {
  const hangUp = new AbortController();
  if (res.destroyed) hangUp.abort();
  res.on('close', () => {
    if (!res.writableFinished) hangUp.abort();
  });
  return hangUp.signal;
}

const pause = (ms: number, signal: AbortSignal) => sleep(ms, undefined, { signal }).catch(() => undefined);

const invalidJson = (): FakeError => ({ status: 400, type: 'invalid_request_error', message: 'body: Input should be valid JSON' });

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, timing?: FakeRequestTiming) {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': fakeId('req') });
  endWith(res, JSON.stringify(body), timing);
}

/** Ends the answer and notes when; a one-piece answer's first byte leaves with its last. */
function endWith(res: ServerResponse, body: string | undefined, timing: FakeRequestTiming | undefined) {
  res.end(body);
  if (!timing) return;
  timing.lastByteAt = now();
  timing.firstByteAt ??= timing.lastByteAt;
}

function sendEmpty(res: ServerResponse) {
  res.writeHead(204);
  res.end();
}

/** The API's error body, which the SDK turns into its error classes by status. */
function sendError(res: ServerResponse, error: FakeError, timing?: FakeRequestTiming) {
  const requestId = fakeId('req');
  res.writeHead(error.status, { 'content-type': 'application/json', 'request-id': requestId });
  endWith(res, JSON.stringify({ type: 'error', error: { type: error.type, message: error.message }, request_id: requestId }), timing);
}
