// The Atoll job runner: `node --import tsx runner/main.ts` (or the bundled image, see README.md).
import { JobsClient } from './client';
import { loadConfig, type RunnerConfig } from './config';
import { loadHandlerModules } from './handler-modules';
import { builtInHandlers, DEFAULT_TYPES } from './handlers/index';
import { jsonLog } from './log';
import { Runner } from './runner';

let config: RunnerConfig;
let handlers: Awaited<ReturnType<typeof loadHandlerModules>>;
try {
  config = loadConfig(process.env);
  handlers = await loadHandlerModules(config.handlerModules, builtInHandlers);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
const log = jsonLog({ runnerId: config.runnerId });
// Unless RUNNER_TYPES says otherwise: the default built-in types and every type a module added.
const types = config.types.length ? config.types : [...DEFAULT_TYPES, ...Object.keys(handlers).filter((t) => !(t in builtInHandlers))];
const runner = new Runner({
  client: new JobsClient({ url: config.url, apiKey: config.apiKey, runnerId: config.runnerId }),
  handlers,
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
try {
  const reason = await runner.run();
  log.info('runner stopped', { reason });
  process.exit(0);
} catch (error) {
  log.error('runner cannot work', { error });
  process.exit(1);
}
