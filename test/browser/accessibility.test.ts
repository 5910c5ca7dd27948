// axe-core on every page in headless Chromium against the real stack, light and dark, at 1,280 and
// 390 px: no serious or critical violations. One user with a tenant and a little data (page-tour.ts)
// so lists and details are not empty; one browser context per scheme and width, pages in turn.
import type { BrowserContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { grantPlatformAdmin } from '../../scripts/auth-admin';
import { type AxeViolation, preloadAxe, seriousViolations } from './axe';
import { useStackWithFakeEcs, watchRequests } from './harness';
import { htmxIdle } from './page-actions';
import { seedTour, type Tour } from './page-tour';

// The cluster admin page shows the runners' service from the fake ECS API.
const stack = useStackWithFakeEcs();
let tour: Tour;

beforeAll(async () => {
  tour = await seedTour(stack.browser, stack.baseUrl, { makePlatformAdmin: (email) => grantPlatformAdmin(stack.databaseUrl, email) });
}, 240_000);

/**
 * Visits each path in the context and returns every serious or critical violation, page by page.
 * Each page must answer `status` (an error page too is a page people read).
 */
async function audit(context: BrowserContext, paths: string[], status = 200): Promise<(AxeViolation & { page: string })[]> {
  const page = await context.newPage();
  const requests = watchRequests(page);
  const found: (AxeViolation & { page: string })[] = [];
  for (const path of paths) {
    const res = await page.goto(path).catch((error: Error) => {
      throw new Error(`${error.message}\nstill waiting for: ${requests.pending().join('; ') || 'nothing'}`);
    });
    expect(res?.status(), `GET ${path}`).toBe(status);
    expect(new URL(page.url()).pathname, `GET ${path} was redirected`).toBe(path.split('?')[0]);
    await htmxIdle(page);
    if (path === '/api/docs') await page.locator('.swagger-ui .info').waitFor({ timeout: 20_000 });
    found.push(...(await seriousViolations(page)).map((v) => ({ page: path, ...v })));
  }
  return found;
}

const cases = (['light', 'dark'] as const).flatMap((colorScheme) => [1280, 390].map((width) => ({ colorScheme, width })));

describe('accessibility (axe-core) of every page', () => {
  it.each(cases)(
    'has no serious or critical violations in $colorScheme at $width px',
    async ({ colorScheme, width }) => {
      const viewport = { width, height: width > 500 ? 800 : 844 };
      const visitor = await stack.browser.newContext({ baseURL: stack.baseUrl, viewport, colorScheme });
      const member = await stack.browser.newContext({ baseURL: stack.baseUrl, viewport, colorScheme });
      try {
        await member.addCookies(tour.cookies);
        await Promise.all([preloadAxe(visitor), preloadAxe(member)]);
        const violations = [...(await audit(visitor, tour.publicPaths)), ...(await audit(member, tour.signedInPaths)), ...(await audit(member, tour.notFoundPaths, 404))];
        expect(violations).toEqual([]);
      } finally {
        await visitor.close();
        await member.close();
      }
    },
    180_000,
  );
});
