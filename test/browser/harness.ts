// Browser tests against the real stack: the Worker under `wrangler dev` (workerd), a database of its
// own with every migration applied, the suite's shared s3rver, and Debian's headless Chromium
// driven by playwright-core (no browser download: CI installs `chromium-headless-shell`, see .ci/run).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, inject, onTestFinished } from 'vitest';
import { jwtKeyVars, launchChromium } from '../../scripts/lib/browser-stack-vars';
import { startWorkerStack } from '../../scripts/lib/worker-stack';
import type {} from '../global-setup'; // the `inject` keys (ProvidedContext)
import { type FakeEcs, startFakeEcs } from '../support/fake-ecs-server';

export interface Stack {
  /** The Worker's origin, e.g. `http://127.0.0.1:40123`. */
  baseUrl: string;
  /** The stack's own database (e.g. to grant what no API can, as `npm run admin:grant` does). */
  databaseUrl: string;
  browser: Browser;
  stop(): Promise<void>;
}

/**
 * Starts the Worker under `wrangler dev` on a throwaway database of its own (a copy of the suite's
 * migrated template, on the suite's Postgres) and headless Chromium. Call once per file
 * (`beforeAll`) and `stop()` in `afterAll`. `vars` are added to the Worker's variables (e.g.
 * `CHAT_ANTHROPIC_BASE_URL` for a fake Messages API).
 */
export async function startStack(vars: Record<string, string> = {}): Promise<Stack> {
  // AUTH_REGISTRATION=open (startWorkerStack's default): the flows register through the page.
  const worker = await startWorkerStack({ s3Endpoint: inject('s3Endpoint'), s3Bucket: inject('s3Bucket'), database: inject('stackDatabase'), vars: { ...(await jwtKeyVars()), ...vars } });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await worker.stop();
    throw error;
  }
  const stop = async () => {
    await browser.close().catch(() => {});
    await worker.stop();
  };
  return { baseUrl: worker.baseUrl, databaseUrl: worker.postgres.url, browser, stop };
}

/**
 * The file's stack: started before its tests (`vars` as in `startStack`, or a function giving them
 * when the stack starts) and stopped after them. Read its fields inside tests and hooks, once it
 * has started.
 *
 * @example
 * const stack = useStack();
 * it('renders', async () => void (await openPage(stack)));
 */
export function useStack(vars: Record<string, string> | (() => Record<string, string>) = {}): Stack {
  let started: Stack | undefined;
  const current = () =>
    started ??
    (() => {
      throw new Error('the stack has not started yet');
    })();
  beforeAll(async () => {
    started = await startStack(typeof vars === 'function' ? vars() : vars);
  }, 180_000);
  afterAll(async () => {
    await started?.stop();
  });
  return {
    get baseUrl() {
      return current().baseUrl;
    },
    get databaseUrl() {
      return current().databaseUrl;
    },
    get browser() {
      return current().browser;
    },
    stop: () => current().stop(),
  };
}

/**
 * `useStack` with a fake ECS API in this process (test/support/fake-ecs-server.ts) behind the
 * cluster admin's settings, for the pages that show the runners' service. `ecs` records what the
 * Worker asked of it.
 *
 * @example
 * const stack = useStackWithFakeEcs();
 * it('scales', async () => expect(stack.ecs.updates).toEqual([]));
 */
export function useStackWithFakeEcs(): Stack & { readonly ecs: FakeEcs } {
  let ecs: FakeEcs | undefined;
  beforeAll(async () => {
    ecs = await startFakeEcs();
  });
  const stack = useStack(() => ecs!.vars);
  afterAll(async () => {
    await ecs?.close();
  });
  return Object.defineProperty(stack, 'ecs', {
    get: () => {
      if (!ecs) throw new Error('the fake ECS API has not started yet');
      return ecs;
    },
  }) as Stack & { readonly ecs: FakeEcs };
}

// Chromium asks every origin for /favicon.ico on its own; the app serves none (the layout links no
// icon), and that 404 says nothing about the page under test.
const IGNORED_SOURCES = [/\/favicon\.ico$/];

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /**
   * Console errors, uncaught page errors and CSP violations seen so far, one line each. A test
   * asserts it is empty: a broken asset, an inline script the CSP blocks or a failing htmx request
   * all land here.
   */
  problems: string[];
}

/**
 * A fresh browser context (no cookies) and page for the current test. It is closed when the test
 * ends; when the test failed, a full-page screenshot is saved first and its path printed.
 */
export async function openPage(stack: Stack): Promise<OpenedPage> {
  const context = await stack.browser.newContext({ baseURL: stack.baseUrl, viewport: { width: 1280, height: 800 } });
  const problems: string[] = [];
  await context.exposeBinding('__atollCspViolation', (_source, line: string) => void problems.push(line));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __atollCspViolation(line: string): void }).__atollCspViolation;
      report(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} on ${e.documentURI}`);
    });
  });
  const page = await context.newPage();
  // Everything is local: a selector missing for 20 s is missing (twice what a quiet machine needs, since
  // another test file runs beside this one).
  page.setDefaultTimeout(20_000);
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const source = message.location().url;
    if (IGNORED_SOURCES.some((re) => re.test(source))) return;
    problems.push(`console error on ${page.url()}: ${message.text()}${source ? ` (${source})` : ''}`);
  });
  page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
  onTestFinished(async ({ task }) => {
    if (task.result?.state === 'fail') await screenshot(page, task.name).catch(() => {});
    await context.close().catch(() => {});
  });
  return { context, page, problems };
}

/**
 * Watches the page's requests; `pending()` lists those sent and not yet answered, with how long
 * they have waited. A navigation that times out says which request held up its `load` event.
 */
export function watchRequests(page: Page): { pending(): string[] } {
  const started = new Map<Request, number>();
  page.on('request', (request) => void started.set(request, Date.now()));
  page.on('requestfinished', (request) => void started.delete(request));
  page.on('requestfailed', (request) => void started.delete(request));
  return {
    pending: () => [...started].map(([request, at]) => `${request.method()} ${request.url()} (${request.resourceType()}, waiting ${Date.now() - at} ms)`),
  };
}

let shotsDir: string | undefined;

/** Saves a full-page screenshot into a temp folder kept after the run and prints its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  shotsDir ??= mkdtempSync(join(tmpdir(), 'atoll-browser-shots-'));
  mkdirSync(shotsDir, { recursive: true });
  const path = join(
    shotsDir,
    `${
      name
        .replace(/[^a-z0-9]+/gi, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 80) || 'page'
    }.png`,
  );
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot of ${page.url()}: ${path}`);
  return path;
}
