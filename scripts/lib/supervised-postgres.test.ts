// The dev stack's Postgres comes back by itself after its process is killed, with its data.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { freePort } from './free-port';
import { type SupervisedPostgres, startSupervisedPostgres } from './supervised-postgres';

const dir = mkdtempSync(join(tmpdir(), 'atoll-supervised-test-'));
chmodSync(dir, 0o755); // as root, Postgres runs as its own user and must reach its data dir
let postgres: SupervisedPostgres | undefined;

afterAll(async () => {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const query = async (url: string, text: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
};

it('starts Postgres again on the same port and data when its process is killed, and stops for good', async () => {
  const lines: string[] = [];
  const dataDir = join(dir, 'postgres');
  postgres = await startSupervisedPostgres({ dataDir, port: await freePort(), persistent: true, say: (line) => lines.push(line), retryMs: 200 });
  await query(postgres.url, 'create table kept (n int); insert into kept values (42)');

  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.kill(postmaster, 'SIGKILL');
  const deadline = Date.now() + 20_000;
  while (!lines.includes('postgres is back') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(lines[0], lines.join('\n')).toBe('postgres exited: restarting it (the Worker answers 503 until it is back)');
  expect(lines, lines.join('\n')).toContain('postgres is back');
  expect(await query(postgres.url, 'select n from kept')).toEqual([{ n: 42 }]);

  const { url } = postgres;
  await postgres.stop();
  postgres = undefined;
  await new Promise((r) => setTimeout(r, 1_000)); // a restart would have begun by now
  await expect(query(url, 'select 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  expect(lines.filter((line) => line.startsWith('postgres exited'))).toHaveLength(1);
});
