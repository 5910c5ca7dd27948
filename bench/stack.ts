// The stack an end-to-end benchmark measures: s3rver, and through scripts/lib/worker-stack.ts its
// own embedded Postgres (every migration applied) and the Worker under `wrangler dev`, on free
// loopback ports with throwaway data, each registered with the benchmark's teardown.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../scripts/lib/free-port';
import { startS3 } from '../scripts/lib/s3';
import { startWorkerStack, type WorkerStack } from '../scripts/lib/worker-stack';
import { type BenchTeardown, jwtKeyVars } from './lib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A copy of the source tree (node_modules linked) for wrangler dev to run and watch, so edits made
 * while a benchmark runs do not restart the Worker mid-measurement (dropping sockets and runs).
 */
function snapshotSources(dir: string): string {
  const copy = join(dir, 'src');
  mkdirSync(copy);
  const skip = new Set(['node_modules', '.git', '.wrangler', '.data']);
  for (const entry of readdirSync(root)) if (!skip.has(entry)) cpSync(join(root, entry), join(copy, entry), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

/**
 * Starts the stack for benchmark `name`: the Worker runs from a snapshot of the sources with
 * `APP_ENV=development`, a fresh signing key, open registration and `vars` on top.
 *
 * @example
 * const stack = await startBenchStack(teardown, 'chat', { CHAT_MESSAGES_PER_MINUTE: '10000' });
 */
export async function startBenchStack(teardown: BenchTeardown, name: string, vars: Record<string, string>): Promise<WorkerStack & { s3Endpoint: string }> {
  const dir = mkdtempSync(join(tmpdir(), `atoll-bench-${name}-`));
  teardown.add('temp dir', async () => rmSync(dir, { recursive: true, force: true }));
  const s3 = await startS3({ dataDir: join(dir, 's3'), port: await freePort(), bucket: 'atoll-bench' });
  teardown.add('s3rver', () => s3.stop());
  const stack = await startWorkerStack({
    s3Endpoint: s3.endpoint,
    s3Bucket: s3.bucket,
    config: join(snapshotSources(dir), 'wrangler.jsonc'),
    vars: { APP_ENV: 'development', ...(await jwtKeyVars(`bench-${name}`)), ...vars },
  });
  teardown.add('stack', () => stack.stop());
  if (!stack.baseUrl.startsWith('http://127.0.0.1:')) throw new Error(`refusing to benchmark a non-loopback URL: ${stack.baseUrl}`);
  return { ...stack, s3Endpoint: s3.endpoint };
}
