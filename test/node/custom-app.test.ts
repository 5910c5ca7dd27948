// examples/custom-app, a Worker composed in a folder of its own from the `atoll` package, four
// first-party plugins and the polygons plugin package, started as its README says: its own
// `npm run db:migrate` (the code `npm run dev` migrates with) against its own embedded Postgres, then
// `wrangler dev` with its wrangler.jsonc, against the suite's s3rver. A real runner process (Atoll's
// runner/main.ts with the package's handler module) then runs the package's job type against it.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { area } from '@turf/area';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ATOLL_ROOT } from '../../scripts/lib/composed-app';
import { freePort } from '../../scripts/lib/free-port';
import { localS3Vars } from '../../scripts/lib/local-s3-vars';
import { type LocalPostgres, startPostgres } from '../../scripts/lib/postgres';
import { startWranglerDev, type WranglerDev } from '../../scripts/lib/wrangler-dev';
import type {} from '../global-setup'; // the `inject` keys (ProvidedContext)
import { api, ownerWithTenant, runnerKey, spawnRunner, waitForJob } from './runner-stack';

const appDir = join(ATOLL_ROOT, 'examples/custom-app');
const APP_PLUGINS = ['auth', 'jobs', 'polygons', 'system', 'tenants'];

let dir: string;
let postgres: LocalPostgres | undefined;
let worker: WranglerDev | undefined;
let migrateOutput: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atoll-custom-app-test-'));
  chmodSync(dir, 0o755); // as root, Postgres runs as its own user and must reach its data dir
  postgres = await startPostgres({ dataDir: join(dir, 'postgres'), port: await freePort(), persistent: false });
  const migrate = await promisify(execFile)('npm', ['run', 'db:migrate'], { cwd: appDir, env: { ...process.env, MIGRATE_DATABASE_URL: postgres.url } });
  migrateOutput = migrate.stdout;
  worker = await startWranglerDev({
    databaseUrl: postgres.url,
    config: join(appDir, 'wrangler.jsonc'),
    vars: {
      APP_ENV: 'test',
      LOG_LEVEL: 'warn',
      AUTH_REGISTRATION: 'open',
      AUTH_JWT_PRIVATE_KEY: inject('authJwtPrivateKey'),
      AUTH_JWT_PUBLIC_KEYS: inject('authJwtPublicKeys'),
      ...localS3Vars(inject('s3Endpoint'), inject('s3Bucket')),
    },
  });
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await postgres?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${worker!.url}${path}`, { headers });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

describe('the custom app composed from atoll', () => {
  it("runs its README's commands from its own package.json", () => {
    const pkg = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const readme = readFileSync(join(appDir, 'README.md'), 'utf8');
    expect(readme).toContain('npm run dev');
    expect(pkg.scripts.dev).toMatch(/scripts\/dev\.ts --plugins src\/plugins\.ts$/);
    expect(pkg.scripts['db:migrate']).toMatch(/scripts\/migrate\.ts --plugins src\/plugins\.ts$/);
  });

  it("migrates the kernel and exactly its plugins' sets, in boot order", () => {
    const sets = [...migrateOutput.matchAll(/^migrate: ([\w-]+): /gm)].map((m) => m[1]);
    expect(sets, migrateOutput).toEqual(['kernel', 'auth', 'tenants', 'jobs', 'polygons']);
  });

  it("is ready, and serves its own plugins (not the ones of Atoll's Worker)", async () => {
    const ready = await get('/health/ready');
    expect(ready.status, ready.text).toBe(200);
    const info = await get('/api/v1/system/info');
    expect(info.status, info.text).toBe(200);
    const plugins = (JSON.parse(info.text) as { plugins: { id: string }[] }).plugins.map((p) => p.id).sort();
    expect(plugins, info.text).toEqual(APP_PLUGINS);
    const projects = await get('/api/v1/projects');
    expect(projects.status, projects.text).toBe(404);
  });

  it("serves the polygons plugin's API and page to a tenant's member", async () => {
    const owner = await ownerWithTenant(worker!.url, 'custom-app');
    const geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [145.7, -16.9],
          [145.8, -16.9],
          [145.8, -16.8],
          [145.7, -16.9],
        ],
      ],
    };
    const created = await api(worker!.url, 'POST', '/api/v1/polygons', owner, { body: { name: 'Reef', geometry }, status: 201 });
    expect(created, JSON.stringify(created)).toMatchObject({ name: 'Reef', positionCount: 4 });
    expect(created.areaSquareMeters).toBeGreaterThan(0);
    const page = await api(worker!.url, 'GET', '/api/v1/polygons', owner);
    expect(
      page.items.map((p: { id: string }) => p.id),
      JSON.stringify(page),
    ).toEqual([created.id]);

    const html = await get('/app/polygons', { authorization: `Bearer ${owner.token}`, 'x-tenant-id': owner.tenant });
    expect(html.status, html.text.slice(0, 2000)).toBe(200);
    expect(html.type).toMatch(/^text\/html/);
    expect(html.text).toContain('Reef');
  });

  it("runs the package's job type on Atoll's runner with the package's handler module (RUNNER_HANDLERS)", async () => {
    const owner = await ownerWithTenant(worker!.url, 'custom-app-jobs');
    const other = await ownerWithTenant(worker!.url, 'custom-app-other');
    // A 0.1° square with a 0.04° hole (the report subtracts it) and a 0.05° triangle.
    const holed = [
      [
        [145.7, -16.9],
        [145.8, -16.9],
        [145.8, -16.8],
        [145.7, -16.8],
        [145.7, -16.9],
      ],
      [
        [145.73, -16.87],
        [145.73, -16.83],
        [145.77, -16.83],
        [145.77, -16.87],
        [145.73, -16.87],
      ],
    ];
    const triangle = [
      [
        [146, -17],
        [146.05, -17],
        [146, -16.95],
        [146, -17],
      ],
    ];
    const polygon = async (who: typeof owner, name: string, coordinates: number[][][]) =>
      (await api(worker!.url, 'POST', '/api/v1/polygons', who, { body: { name, geometry: { type: 'Polygon', coordinates } }, status: 201 })) as { id: string; areaSquareMeters: number };
    const lagoon = await polygon(owner, 'Lagoon', holed);
    const cay = await polygon(owner, 'Cay', triangle);
    await polygon(other, 'Elsewhere', triangle);
    const job = await api(worker!.url, 'POST', '/api/v1/jobs', owner, { body: { type: 'polygons.area-report', input: {} }, status: 201 });
    const otherJob = await api(worker!.url, 'POST', '/api/v1/jobs', other, { body: { type: 'polygons.area-report', input: {} }, status: 201 });

    // One runner run, as the app's README gives it: it claims the job, reports it, and exits once idle.
    const runner = spawnRunner({
      ATOLL_URL: worker!.url,
      ATOLL_API_KEY: await runnerKey(worker!.url, owner),
      RUNNER_HANDLERS: '@atoll-examples/plugin-polygons/runner',
      RUNNER_TYPES: 'polygons.area-report',
      RUNNER_IDLE_EXIT_SECONDS: '1',
      RUNNER_POLL_MS: '200',
    });
    expect(await runner.exited, runner.output()).toBe(0);
    expect(runner.output()).toMatch(/"msg":"idle: exiting"/);

    const done = await waitForJob(worker!.url, owner, job.id, undefined, 5_000);
    expect(done.status, `${JSON.stringify(done)}\n${runner.output()}`).toBe('SUCCEEDED');
    expect(done.events.map((e: { to: string }) => e.to)).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED']);
    const lagoonArea = area({ type: 'Polygon', coordinates: [holed[0]!] }) - area({ type: 'Polygon', coordinates: [holed[1]!] });
    const cayArea = area({ type: 'Polygon', coordinates: triangle });
    expect(lagoonArea).toBeGreaterThan(cayArea); // so the report lists the lagoon first
    expect(done.result).toEqual({
      polygonCount: 2,
      totalSquareMeters: expect.closeTo(lagoonArea + cayArea, 3),
      polygons: [
        { id: lagoon.id, name: 'Lagoon', areaSquareMeters: expect.closeTo(lagoonArea, 3) },
        { id: cay.id, name: 'Cay', areaSquareMeters: expect.closeTo(cayArea, 3) },
      ],
      truncated: false,
    });
    expect(lagoon.areaSquareMeters).toBeCloseTo(lagoonArea, 3); // the Worker and the runner agree
    // The key claims its own tenant's jobs only.
    expect((await api(worker!.url, 'GET', `/api/v1/jobs/${otherJob.id}`, other)).status).toBe('PENDING');
  });
});
