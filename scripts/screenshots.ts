// `npm run screenshots [folder]`: full-page PNGs of every page, light and dark, at 1,280 and 390 px,
// for review. Starts its own stack (embedded Postgres, s3rver, wrangler dev, headless Chromium) on
// free loopback ports with throwaway data, seeds one user's tenant as the accessibility test does
// (test/browser/page-tour.ts), and writes into ./screenshots/ unless given another folder.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { seedTour } from '../test/browser/page-tour';
import { grantPlatformAdmin } from './auth-admin';
import { jwtKeyVars, launchChromium } from './lib/browser-stack-vars';
import { freePort } from './lib/free-port';
import { startS3 } from './lib/s3';
import { startWorkerStack, type WorkerStack } from './lib/worker-stack';

const out = resolve(process.argv[2] ?? 'screenshots');
const say = (line: string) => console.log(`[screenshots] ${line}`);

/** `/app/datasets/<uuid>` -> `app-datasets-detail`; `/` -> `home`: the same names on every run. */
const fileName = (path: string) =>
  path
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, 'detail')
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '') || 'home';

const dir = mkdtempSync(join(tmpdir(), 'atoll-screenshots-'));
chmodSync(dir, 0o755); // as root, Postgres runs as its own user and must reach its data dir
const s3 = await startS3({ dataDir: join(dir, 's3'), port: await freePort(), bucket: 'atoll-screenshots' });
let stack: WorkerStack | undefined;
let browser: Browser | undefined;
try {
  say('starting Postgres, the Worker and Chromium…');
  stack = await startWorkerStack({ s3Endpoint: s3.endpoint, s3Bucket: s3.bucket, vars: await jwtKeyVars() });
  browser = await launchChromium();
  const url = stack.postgres.url;
  const tour = await seedTour(browser, stack.baseUrl, { makePlatformAdmin: (email) => grantPlatformAdmin(url, email) });
  mkdirSync(out, { recursive: true });
  let count = 0;
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [1280, 390]) {
      for (const [who, paths, status] of [
        ['visitor', tour.publicPaths, 200],
        ['member', tour.signedInPaths, 200],
        ['member-404', tour.notFoundPaths, 404],
      ] as const) {
        const context = await browser.newContext({ baseURL: stack.baseUrl, viewport: { width, height: width > 500 ? 800 : 844 }, colorScheme });
        if (who !== 'visitor') await context.addCookies(tour.cookies);
        const page = await context.newPage();
        for (const path of paths) {
          // A page that fails would still make a picture (of the error page): stop instead. The
          // not-found paths are there for the 404 page itself.
          const res = await page.goto(path);
          if (res?.status() !== status) throw new Error(`GET ${path} answered ${res?.status() ?? 'nothing'}, not ${status}: no screenshot of a broken page`);
          await page.waitForLoadState('networkidle');
          await page.screenshot({ path: join(out, `${who}-${fileName(path)}-${width}-${colorScheme}.png`), fullPage: true });
          count++;
        }
        await context.close();
      }
    }
  }
  say(`${count} screenshots in ${out}`);
} catch (error) {
  if (stack) console.error(stack.output());
  throw error;
} finally {
  await browser?.close().catch(() => {});
  await stack?.stop();
  await s3.stop();
  rmSync(dir, { recursive: true, force: true });
}
