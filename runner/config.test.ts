import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const BASE = { ATOLL_URL: 'http://127.0.0.1:8787/', ATOLL_API_KEY: 'atk_x' };

describe('loadConfig', () => {
  it('applies defaults and trims the URL', () => {
    const config = loadConfig(BASE);
    expect(config).toMatchObject({ url: 'http://127.0.0.1:8787', types: [], concurrency: 2, pollMs: 1000, idleExitSeconds: 0, graceSeconds: 25 });
    expect(config.runnerId).toMatch(/-\d+$/);
  });

  it('reads every setting', () => {
    const env = {
      ...BASE,
      RUNNER_ID: 'r1',
      RUNNER_TYPES: 'datasets.export, datasets.profile',
      RUNNER_CONCURRENCY: '8',
      RUNNER_POLL_MS: '50',
      RUNNER_IDLE_EXIT_SECONDS: '60',
      RUNNER_GRACE_SECONDS: '5',
      RUNNER_HANDLERS: 'a/runner, b',
    };
    expect(loadConfig(env)).toEqual({
      url: 'http://127.0.0.1:8787',
      apiKey: 'atk_x',
      runnerId: 'r1',
      types: ['datasets.export', 'datasets.profile'],
      handlerModules: ['a/runner', 'b'],
      concurrency: 8,
      pollMs: 50,
      idleExitSeconds: 60,
      graceSeconds: 5,
    });
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ ATOLL_URL: 'nope', RUNNER_CONCURRENCY: '99' })).toThrow(
      /ATOLL_URL: must be the Atoll origin.*ATOLL_API_KEY: is required.*RUNNER_CONCURRENCY: must be an integer from 0 to 50, got "99"/,
    );
    expect(() => loadConfig({ ...BASE, RUNNER_CONCURRENCY: '0' })).toThrow(/RUNNER_CONCURRENCY must be at least 1/);
    expect(() => loadConfig({ ...BASE, ATOLL_API_KEY: 'secret' })).toThrow(/ATOLL_API_KEY: must be an Atoll API key/);
  });
});
