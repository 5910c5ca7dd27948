// The Atoll job runner: `node --import tsx runner/main.ts` (or the bundled image, see README.md).
import { JobsClient } from './client';
import { loadConfig } from './config';
import { builtInHandlers, DEFAULT_TYPES } from './handlers/index';
import { jsonLog } from './log';
import { Runner } from './runner';

const config = loadConfig(process.env);
const log = jsonLog({ runnerId: config.runnerId });
const types = config.types.length ? config.types : DEFAULT_TYPES;
const runner = new Runner({
  client: new JobsClient({ url: config.url, apiKey: config.apiKey, runnerId: config.runnerId }),
  handlers: builtInHandlers,
  types,
  concurrency: config.concurrency,
  pollMs: config.pollMs,
  idleExitSeconds: config.idleExitSeconds,
  graceSeconds: config.graceSeconds,
  log,
});

// First SIGTERM/SIGINT: stop claiming, let running jobs finish within the grace period. A second: release them now.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    log.info('stopping', { signal, running: runner.active, graceSeconds: config.graceSeconds });
    void runner.stop();
  });
}

log.info('runner started', { url: config.url, types, concurrency: config.concurrency });
const reason = await runner.run();
log.info('runner stopped', { reason });
process.exit(0);
