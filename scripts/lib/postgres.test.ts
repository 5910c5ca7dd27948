// startPostgres against the real embedded server: TCP only, and a failed start explains itself.
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from './free-port';
import { APP_ROLE, startPostgres } from './postgres';

let dir: string;
let dataDir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atoll-postgres-test-'));
  chmodSync(dir, 0o755); // as root, Postgres runs as its own user and must reach its data dir
  dataDir = join(dir, 'postgres');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// startPostgres itself connects over TCP (127.0.0.1) to set up the app role, so TCP works.
it('listens on TCP only: no Unix socket or lock file in /tmp', async () => {
  const postgres = await startPostgres({ dataDir, port: await freePort(), persistent: true });
  try {
    expect(existsSync(`/tmp/.s.PGSQL.${postgres.port}`)).toBe(false);
    expect(existsSync(`/tmp/.s.PGSQL.${postgres.port}.lock`)).toBe(false);
  } finally {
    await postgres.stop();
  }
});

it("hashes the app role's public password with one SCRAM round, and the app connects with it", async () => {
  const postgres = await startPostgres({ dataDir, port: await freePort(), persistent: true });
  try {
    const app = new pg.Client({ connectionString: postgres.url });
    await app.connect();
    await app.end();
    const admin = new pg.Client({ host: '127.0.0.1', port: postgres.port, user: 'postgres', password: 'postgres', database: 'postgres' });
    await admin.connect();
    try {
      const { rows } = await admin.query('select rolpassword from pg_authid where rolname = $1', [APP_ROLE.user]);
      expect(rows[0].rolpassword).toMatch(/^SCRAM-SHA-256\$1:/);
    } finally {
      await admin.end();
    }
  } finally {
    await postgres.stop();
  }
});

it("reports Postgres's own reason when it cannot start (port taken)", async () => {
  const port = await freePort();
  const squatter: Server = createServer();
  await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
  try {
    const started = startPostgres({ dataDir, port, persistent: true });
    await expect(started).rejects.toThrow(`Postgres did not start on 127.0.0.1:${port}`);
    await expect(started).rejects.toThrow(/could not bind IPv4 address "127\.0\.0\.1": Address already in use/);
  } finally {
    await new Promise((resolve) => squatter.close(resolve));
  }
});
