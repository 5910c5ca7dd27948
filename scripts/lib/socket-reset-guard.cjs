// Local Hyperdrive in miniflare (wrangler 4.86.0 / miniflare 4.20260426.0, HyperdriveProxyController)
// pipes workerd's socket to Postgres with no 'error' listeners, so a connection that either side
// resets (workerd cancelling a socket, Postgres stopping) throws ECONNRESET/EPIPE as an uncaught
// exception and kills the whole process: the vitest main process or `wrangler dev`. Loaded into
// those Node processes (never into the Worker), this ignores exactly those socket errors and lets
// every other uncaught exception crash as before.
'use strict';

const RESETS = new Set(['ECONNRESET', 'EPIPE']);

process.on('uncaughtException', (error) => {
  if (error && RESETS.has(error.code) && (error.syscall === 'read' || error.syscall === 'write')) {
    console.warn(`[socket-reset-guard] ignored ${error.code} on a local proxy socket`);
    return;
  }
  throw error;
});
