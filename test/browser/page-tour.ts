// Every page of the app with a little data in it, for the accessibility test and `npm run screenshots`:
// one user with a tenant, a project, a ready CSV dataset, a file, a dashboard with a panel and an
// API key, all made through the API from a signed-in page. Plain errors (no vitest) so a script can
// use it too.
import type { Browser, Cookie, Page } from 'playwright-core';

export interface Tour {
  /** The signed-in user's session cookies. */
  cookies: Cookie[];
  /** Pages for a signed-out visitor. */
  publicPaths: string[];
  /** Pages for the signed-in user (lists, details, forms). */
  signedInPaths: string[];
  /** Error pages the signed-in user meets (they answer 404, inside the layout). */
  notFoundPaths: string[];
}

/** A JSON request from the page with its session cookie and CSRF token; a multipart body when `file` is given. */
export async function pageApi(page: Page, method: string, path: string, body: { json?: unknown; file?: { name: string; text: string; fields?: Record<string, string> } } = {}) {
  const res = await page.evaluate(
    async ({ method, path, body }) => {
      const token = decodeURIComponent(document.cookie.match(/(?:^|; )atoll_csrf=([^;]+)/)?.[1] ?? '');
      const headers: Record<string, string> = { 'x-csrf-token': token };
      let payload: BodyInit | undefined;
      if (body.file) {
        const form = new FormData();
        for (const [k, v] of Object.entries(body.file.fields ?? {})) form.append(k, v);
        form.append('file', new Blob([body.file.text], { type: 'text/csv' }), body.file.name);
        payload = form;
      } else if (body.json !== undefined) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(body.json);
      }
      const r = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
      return { status: r.status, text: await r.text() };
    },
    { method, path, body },
  );
  if (res.status >= 300) throw new Error(`${method} ${path} -> ${res.status}: ${res.text}`);
  return (res.text ? JSON.parse(res.text) : {}) as any;
}

/** Fills a form's fields, submits it and waits until the browser has left `path`. */
async function submitForm(page: Page, path: string, fields: Record<string, string>) {
  await page.goto(path);
  for (const [selector, value] of Object.entries(fields)) await page.locator(selector).fill(value);
  await page.locator(`form[action="${path}"] button[type=submit]`).click();
  await page.waitForURL((url) => url.pathname !== path, { timeout: 15_000 });
}

const METRICS = ['metric,value,timestamp', ...[3, 2, 1].map((h, i) => `temp,${21 + i},${new Date(Date.now() - h * 3_600_000).toISOString()}`)].join('\n');

/**
 * Registers a user with a tenant and data, and lists every page worth looking at. With
 * `makePlatformAdmin` (e.g. scripts/auth-admin.ts against the stack's database) the user is made a
 * platform admin and the cluster admin page joins the tour.
 */
export async function seedTour(browser: Browser, baseUrl: string, options: { makePlatformAdmin?: (email: string) => Promise<unknown> } = {}): Promise<Tour> {
  const context = await browser.newContext({ baseURL: baseUrl });
  try {
    const page = await context.newPage();
    const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const email = `a11y-${id}@example.com`;
    await submitForm(page, '/app/register', { '#name': 'Ada Access', '#email': email, '#password': 'a long enough passphrase' });
    await submitForm(page, '/app/tenants/new', { '#tenant-name': `Access Co ${id}`, '#tenant-slug': `access-${id}` });

    const project = await pageApi(page, 'POST', '/api/v1/projects', { json: { name: 'Quarterly survey' } });
    const { dataset } = await pageApi(page, 'POST', '/api/v1/datasets', { json: { name: 'temps', kind: 'metric', format: 'csv' } });
    await pageApi(page, 'POST', `/api/v1/datasets/${dataset.id}/upload?ingest=true`, { file: { name: 'temps.csv', text: METRICS } });
    await pageApi(page, 'POST', '/api/v1/datasets/saved-queries', { json: { name: 'Peak temperature', sql: 'select max(value) from temps' } });
    await pageApi(page, 'POST', '/api/v1/files', { file: { name: 'survey.csv', text: 'a,b\n1,2\n', fields: { path: 'survey.csv', overwrite: 'false' } } });
    for (let i = 0; (await pageApi(page, 'GET', `/api/v1/datasets/${dataset.id}`)).status !== 'ready'; i++) {
      if (i > 240) throw new Error('the dataset never became ready');
      await page.waitForTimeout(250);
    }
    const dashboard = await pageApi(page, 'POST', '/api/v1/dashboards', {
      json: {
        name: 'Climate',
        panels: [
          { type: 'timeseries', title: 'Temperature', query: { metric: 'temp', agg: 'avg', bucket: 'hour', range: { last: '24h' } } },
          { type: 'kpi', title: 'Peak', query: { metric: 'temp', agg: 'max', range: { last: '24h' } } },
        ],
      },
    });
    const artifact = await pageApi(page, 'POST', `/api/v1/projects/${project.id}/artifacts`, { json: { name: 'temps-model', kind: 'model', tags: ['baseline'] } });
    const job = await pageApi(page, 'POST', '/api/v1/jobs', { json: { type: 'datasets.profile', input: { datasetId: dataset.id } } });
    const assistant = await pageApi(page, 'POST', '/api/v1/chat/assistants', {
      json: { name: 'Climate analyst', instructions: 'Answer from the temps dataset.', datasetIds: [dataset.id], maxSteps: 6 },
    });
    // A chat without a question: its page needs no model call (the tour's stack has no Messages API).
    const chat = await pageApi(page, 'POST', '/api/v1/chat/sessions', { json: { title: 'Temperature questions', assistantId: assistant.id } });
    if (options.makePlatformAdmin) await options.makePlatformAdmin(email);
    const tenant = (await pageApi(page, 'GET', '/api/v1/tenants')).items[0];
    await pageApi(page, 'POST', `/api/v1/tenants/${tenant.id}/api-keys`, { json: { name: 'CI reader', scopes: ['projects:read'], role: 'viewer' } });
    return {
      cookies: await context.cookies(),
      publicPaths: ['/', '/app/login', '/app/register', '/api/docs'],
      signedInPaths: [
        '/',
        '/app/account/preferences',
        '/app/account/sessions',
        '/app/tenants',
        '/app/tenants/new',
        '/app/tenants/members',
        '/app/tenants/api-keys',
        '/app/settings',
        '/app/tenants/audit',
        '/app/projects',
        `/app/projects/${project.id}`,
        `/app/artifacts/${artifact.id}`,
        '/app/files',
        '/app/files/move?path=survey.csv',
        '/app/files/delete?path=survey.csv',
        '/app/datasets',
        `/app/datasets/${dataset.id}`,
        '/app/datasets/sql',
        '/app/datasets/sql?sql=select%20metric%2C%20max(value)%20from%20temps%20where%20value%20%3E%201%20group%20by%201',
        '/app/analytics',
        '/app/analytics?metric=temp',
        '/app/dashboards',
        `/app/dashboards/${dashboard.id}`,
        `/app/dashboards/${dashboard.id}/panels/${dashboard.panels[1].id}/edit`,
        '/app/jobs',
        '/app/jobs/new',
        `/app/jobs/${job.id}`,
        '/app/chat',
        '/app/chat/assistants',
        `/app/chat/assistants/${assistant.id}`,
        `/app/chat/${chat.id}`,
        ...(options.makePlatformAdmin ? ['/app/admin/cluster', '/app/admin/cluster/redeploy'] : []),
        '/app/system',
        '/app/logout',
      ],
      notFoundPaths: ['/app/projects/00000000-0000-0000-0000-000000000000', '/app/no-such-page'],
    };
  } finally {
    await context.close();
  }
}
