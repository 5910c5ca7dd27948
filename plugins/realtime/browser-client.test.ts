import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { send } from '../../test/worker/harness';
import { bootRealtime } from './testing';

const atoll = await bootRealtime();

describe('the browser client', () => {
  it('is served as a static asset and included by every page', async () => {
    const asset = await (env.ASSETS as Fetcher).fetch('http://atoll.test/static/realtime.js');
    expect(asset.status).toBe(200);
    const source = await asset.text();
    // It connects only on pages that ask, and sends the CSRF header with the ticket request.
    expect(source).toContain("querySelectorAll('[data-realtime-topics]')");
    expect(source).toContain("'x-csrf-token': csrfToken()");
    const home = await (await send(atoll, '/')).text();
    expect(home).toContain('<script src="/static/realtime.js"');
  });
});
