import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATOLL_APP, ATOLL_ROOT, composedAppFromArgs } from './composed-app';

const customApp = join(ATOLL_ROOT, 'examples/custom-app');

describe('composedAppFromArgs', () => {
  it("is Atoll's own Worker without --plugins, passing every argument on", () => {
    expect(composedAppFromArgs(['--env', 'staging', '--var', 'A:b'], customApp)).toEqual({ app: ATOLL_APP, rest: ['--env', 'staging', '--var', 'A:b'] });
    expect(ATOLL_APP).toEqual({ dir: ATOLL_ROOT, config: join(ATOLL_ROOT, 'wrangler.jsonc'), pluginList: join(ATOLL_ROOT, 'worker/plugins.ts') });
  });

  it('is the app in the current folder with --plugins, in either spelling, taking it out of the rest', () => {
    const app = { dir: customApp, config: join(customApp, 'wrangler.jsonc'), pluginList: join(customApp, 'src/plugins.ts') };
    expect(composedAppFromArgs(['--port', '9000', '--plugins', 'src/plugins.ts', '--local'], customApp)).toEqual({ app, rest: ['--port', '9000', '--local'] });
    expect(composedAppFromArgs(['--plugins=src/plugins.ts'], customApp)).toEqual({ app, rest: [] });
  });

  it('names the missing file when the folder has no wrangler.jsonc or the list does not exist', () => {
    expect(() => composedAppFromArgs(['--plugins', 'src/nope.ts'], customApp)).toThrow(join(customApp, 'src/nope.ts'));
    expect(() => composedAppFromArgs(['--plugins', 'src/plugins.ts'], join(customApp, 'src'))).toThrow(join(customApp, 'src/wrangler.jsonc'));
  });
});
