// The fuzzer's side of the wire (not a test file itself): sends generated requests through one app
// in keep-alive sequences, counts them, decides who may call an operation, and runs a fast-check
// property that fails with the offending request, the response and how to replay it.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import fc from 'fast-check';
import type { AtollApp } from '../../worker/app';
import { fillPath, type Operation, pathSlots } from './api-operations';
import type { World } from './api-world';
import { bodyInit, describeRequest, type FuzzRequest } from './fuzz-requests';
import { testEnv } from './harness';
import type { SignedUp } from './identity';
import { type Answer, answerOf, describeAnswer, problemDefect } from './problem-check';

/** A request and the bearer token it is sent with (unless it carries forged credentials). */
export interface Call {
  request: FuzzRequest;
  token: string;
}

/** Picks the token of a world's caller: its owner, its API key, or the platform admin. */
export type Caller = (w: World) => string;

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/** Whether a request carries U+0000 anywhere (raw, JSON-escaped or percent-encoded). */
const carriesNul = (r: FuzzRequest) => /\\u0000|%00/i.test(JSON.stringify(r));

/**
 * Why an answer breaks the contract: any 5xx; a 4xx that is not a well-formed problem; the
 * database's backstop (400 KERNEL_INVALID_VALUE) standing in for the route's own validation, i.e.
 * a value the route accepted that Postgres refused (an integer beyond its column, say). Except text
 * holding U+0000, which neither text nor jsonb columns hold and which no route refuses yet: a gap
 * across most routes, reported with these tests (field-edges.test.ts checks the rest by field).
 */
export function defectOf(answer: Answer, request: FuzzRequest): string | undefined {
  if (answer.status >= 500) return `${answer.status} (server error)`;
  if (answer.status < 400) return undefined;
  if (answer.body?.code === 'KERNEL_INVALID_VALUE' && !carriesNul(request)) return 'validation let through a value the database refused (KERNEL_INVALID_VALUE)';
  return problemDefect(answer);
}

/** Refused before the handler: no credentials accepted, the wrong kind of caller, not the tenant. */
export const refusedAtTheDoor = (a: Answer) => a.status === 401 || a.status === 403 || a.body?.code === 'KERNEL_TENANT_NOT_FOUND';

export function fuzzClient(atoll: AtollApp, operator: SignedUp) {
  /** Generated requests sent (not the probes of `callerFor`), by status. */
  const tally = { requests: 0, statuses: new Map<number, number>() };

  /** Sends the calls one after another through the app, then waits for all their background work. */
  async function sendSequence(calls: Call[], counted = true): Promise<Answer[]> {
    const contexts: ExecutionContext[] = [];
    const answers: Answer[] = [];
    for (const { request: r, token } of calls) {
      const ctx = createExecutionContext();
      contexts.push(ctx);
      const init: RequestInit = { method: r.method, headers: { ...r.headers, ...(r.credentials ?? { authorization: `Bearer ${token}` }) } };
      const body = bodyInit(r.body);
      if (body !== undefined) init.body = body;
      const answer = await answerOf(await atoll.app.fetch(new Request(`http://atoll.test${r.url}`, init), testEnv(), ctx));
      answers.push(answer);
      if (!counted) continue;
      tally.requests++;
      tally.statuses.set(answer.status, (tally.statuses.get(answer.status) ?? 0) + 1);
    }
    await Promise.all(contexts.map((ctx) => waitOnExecutionContext(ctx)));
    return answers;
  }

  /**
   * Who calls `op`: the tenant's owner unless the route refuses users (then its API key) or needs a
   * platform admin. Asked with a request access control judges like any other but the handler
   * cannot act on (ids of nothing, a body that does not parse); in `fresh()` when there is no input.
   */
  async function callerFor(op: Operation, shared: World, fresh: () => Promise<World>): Promise<Caller> {
    const candidates: Caller[] = [(w) => w.owner.accessToken, (w) => w.key.secret, () => operator.accessToken];
    const slots = pathSlots(op.path);
    const w = slots.length > 0 || op.body || op.method === 'GET' ? shared : await fresh();
    const url = fillPath(op.path, Object.fromEntries(slots.map((s) => [s.name, NO_SUCH_ID])));
    const contentType = op.body?.contentType === 'multipart/form-data' ? 'multipart/form-data; boundary=none' : op.body?.contentType;
    const request: FuzzRequest = {
      method: op.method,
      url,
      headers: { 'x-tenant-id': w.tenant.id, ...(contentType ? { 'content-type': contentType } : {}) },
      ...(op.body ? { body: { text: '{' } } : {}),
    };
    for (const candidate of candidates) {
      const [answer] = await sendSequence([{ request, token: candidate(w) }], false);
      if (!(answer!.status === 403 && answer!.body?.code === 'KERNEL_FORBIDDEN')) return candidate;
    }
    return candidates[0]!;
  }

  /**
   * Checks that no sequence drawn from `calls` gets a defective answer, with a fixed seed; throws
   * naming the request, the response and the replay parameters. Returns the answers that got past
   * access control.
   */
  async function checkSequences(label: string, calls: fc.Arbitrary<Call>, options: { seed: number; runs: number; maxLength: number }): Promise<Answer[]> {
    const handled: Answer[] = [];
    const details = await fc.check(
      fc.asyncProperty(fc.array(calls, { minLength: 1, maxLength: options.maxLength }), async (sequence) => {
        const answers = await sendSequence(sequence);
        answers.forEach((answer, i) => {
          if (!refusedAtTheDoor(answer)) handled.push(answer);
          const defect = defectOf(answer, sequence[i]!.request);
          if (defect) throw new Error(`${defect}\n  request: ${describeRequest(sequence[i]!.request)}\n  response: ${describeAnswer(answer)}`);
        });
      }),
      { seed: options.seed, numRuns: options.runs },
    );
    if (details.failed) {
      const error = details.errorInstance as Error | undefined;
      throw new Error(`${label}: ${error?.message ?? String(details.errorInstance)}\n  replay: seed ${details.seed}, path "${details.counterexamplePath}"`);
    }
    return handled;
  }

  return { tally, sendSequence, callerFor, checkSequences };
}
