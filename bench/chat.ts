// `npm run bench:chat` (via bench/run.mjs): the latency the AI assistant adds around the model. Starts
// the fake Messages API (test/support/fake-anthropic.ts) in this process and its own embedded Postgres,
// s3rver and Worker under `wrangler dev` (bench/stack.ts) pointed at it, signs up a user with a
// tenant, opens one chat session and asks BENCH_RUNS questions in it one after another (after 3
// unmeasured warm-up runs). Each run is scripted as: answer 1 = a text and a `chat_calculator` call
// (cheap, needs no data), answer 2 = a text the fake streams in four deltas. The fake stamps when each
// model request arrived and when its answer's first and last bytes left; the client stamps each SSE
// event's arrival, on the same clock (performance.timeOrigin + performance.now(), one process), so:
//
// - first byte: the fake's first byte of an answer → the client's first `text` event from it;
// - tool step: the fake's last byte of the tool_use answer → the fake receives the next model call
//   (Atoll parses and stores the answer, runs the tool, stores the result and calls the model again).
//
// Prints p50/p90/p99/max of those and of the other stretches of a run, the machine and its load, and
// stops everything. Exits non-zero when any run failed.
//
// Env: BENCH_RUNS (default 100).

import { api, ownerWithTenant } from '../test/node/runner-stack';
import { startFakeAnthropic } from '../test/support/fake-anthropic';
import { measureRun, type RunLatency } from './chat-run';
import { benchTeardown, envInt, fmt, loadAverage, machine, percentile, table } from './lib';
import { startBenchStack } from './stack';

const say = (line: string) => console.log(`[bench:chat] ${line}`);
// One session's conversation grows by four messages a run, all sent to the model each call: the
// compaction threshold is lifted below, and runs are capped so the access token (15 min) outlives them.
const RUNS = envInt('BENCH_RUNS', 100, 1, 1000);
const WARMUP = 3;
const KEY = `bench-chat-${Date.now().toString(36)}`;

const teardown = benchTeardown('bench:chat');
const budgetMs = 300_000 + (RUNS + WARMUP) * 3_000;
setTimeout(() => {
  console.error(`[bench:chat] exceeded its ${Math.round(budgetMs / 1000)} s budget; stopping`);
  void teardown.run().finally(() => process.exit(2));
}, budgetMs).unref();

const ROWS: [keyof RunLatency, string][] = [
  ['firstByte', 'first byte: model first byte → first text event'],
  ['toolStep', 'tool step: tool_use answer last byte → next model request'],
  ['firstByteAfterTool', 'first byte after the tool (answer 2)'],
  ['toFirstCall', 'POST sent → first model request'],
  ['lastByteToDone', 'answer 2 last byte → done event'],
  ['total', 'whole run: POST sent → done (model time included)'],
];

async function main(): Promise<number> {
  say(`machine   ${machine()}`);
  say(`load avg  ${loadAverage()} before start`);
  say(`settings  ${RUNS} runs (+${WARMUP} warm-up) in one session, sequential`);
  const fake = await startFakeAnthropic();
  teardown.add('fake model', () => fake.close());
  const stack = await startBenchStack(teardown, 'chat', {
    CHAT_ANTHROPIC_BASE_URL: fake.url,
    CHAT_ANTHROPIC_API_KEY: 'bench-chat-key',
    // Every question comes from one user and address, faster than a person asks.
    RATE_LIMIT_WRITES: '{"chat":false}',
    CHAT_MESSAGES_PER_MINUTE: '10000',
    // The fake's token estimates would otherwise run into the monthly budget and, in a long
    // session, into compaction (a summarising model call the script does not expect).
    CHAT_MONTHLY_TOKENS: '10000000000',
    CHAT_CONTEXT_TOKENS: '1000000',
  });
  const base = stack.baseUrl;
  say(`stack     postgres :${stack.postgres.port}, s3rver ${stack.s3Endpoint}, wrangler dev ${base}, fake model ${fake.url}`);
  const owner = await ownerWithTenant(base, 'bench-chat');
  const session = await api(base, 'POST', '/api/v1/chat/sessions', owner, { body: { title: 'Bench' }, status: 201 });
  const run = (n: number) => measureRun({ base, fakeUrl: fake.url, key: KEY, owner, sessionId: session.id as string, n });

  for (let n = 0; n < WARMUP; n++) await run(n);
  const results: RunLatency[] = [];
  const failures: string[] = [];
  const started = performance.now();
  for (let n = WARMUP; n < WARMUP + RUNS; n++) {
    try {
      results.push(await run(n));
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  const seconds = (performance.now() - started) / 1000;

  const sorted = (pick: (r: RunLatency) => number, of = results) => of.map(pick).sort((a, b) => a - b);
  console.log('');
  console.log(
    table(
      ['added latency (ms)', 'p50', 'p90', 'p99', 'max'],
      ROWS.map(([field, label]) => {
        const values = sorted((r) => r[field]);
        return [label, ...[50, 90, 99].map((p) => fmt(percentile(values, p), 1)), fmt(values.at(-1) ?? NaN, 1)];
      }),
    ),
  );
  // The conversation grows each run: compare the first and last quarter to see what that costs.
  const quarter = Math.max(1, Math.floor(results.length / 4));
  const p50Of = (field: keyof RunLatency, of: RunLatency[]) =>
    fmt(
      percentile(
        sorted((r) => r[field], of),
        50,
      ),
      1,
    );
  console.log(
    `first → last quarter of runs, p50: tool step ${p50Of('toolStep', results.slice(0, quarter))} → ${p50Of('toolStep', results.slice(-quarter))} ms; first byte ${p50Of('firstByte', results.slice(0, quarter))} → ${p50Of('firstByte', results.slice(-quarter))} ms`,
  );
  console.log(`${results.length} of ${RUNS} runs as scripted in ${seconds.toFixed(1)} s; ${failures.length} failed`);
  for (const failure of failures.slice(0, 5)) console.log(`  ${failure}`);
  console.log('');
  say(`load avg  ${loadAverage()} after the runs`);
  return failures.length > 0 ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error('[bench:chat] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
} finally {
  if (!teardown.signalled) await teardown.run();
}
if (!teardown.signalled) process.exit(code);
