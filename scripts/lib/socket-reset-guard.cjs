// Local Hyperdrive in miniflare (wrangler 4.86.0 / miniflare 4.20260426.0, HyperdriveProxyController)
// pipes workerd's socket to Postgres with no 'error' listeners. So a connection that either side
// resets (workerd cancelling a socket, Postgres stopping) throws ECONNRESET/EPIPE, and a Postgres
// that is down throws ECONNREFUSED, as uncaught exceptions. An uncaught exception kills `wrangler
// dev` even when a process handler ignores it: wrangler's Sentry integration (OnUncaughtException,
// `exitEvenIfOtherHandlersAreRegistered`) prints it and exits with code 1. So the errors must never
// become uncaught. Loaded into the Node processes that host the proxy (`wrangler dev`, the vitest
// main process; never into the Worker), this guard watches the proxy's upstream sockets (a
// `net.connect` socket that another socket is piped into, to a Hyperdrive target named by
// CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_*) and gives both sockets of each pair a listener:
//
// - Postgres unreachable, or gone under an open connection: workerd's side is ended, so the Worker
//   sees the connection close at once (a 503) instead of waiting for its connect timeout;
// - workerd's side reset or closed under a write: the upstream connection is dropped too.
//
// Every other error on these sockets is thrown exactly as it would have been. The process handler
// at the end still ignores resets on other sockets where nothing else exits on them (vitest).
'use strict';

const diagnostics = require('node:diagnostics_channel');

const RESETS = new Set(['ECONNRESET', 'EPIPE']);
/** connect() failures meaning "Postgres is not there right now". */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Host and port of every local Hyperdrive connection string wrangler was given through the environment. */
function hyperdriveTargets(env) {
  const targets = [];
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_') || !value) continue;
    try {
      const url = new URL(value);
      targets.push({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 5432) });
    } catch {
      // wrangler reports a malformed connection string itself
    }
  }
  return targets;
}

// Node's own EPIPE for a write after the peer's FIN ("This socket has been ended by the other
// party") carries no syscall; a pipe that forwards a late chunk to a closed proxy socket throws it.
const endedByPeer = (error) => error.code === 'EPIPE' && error.syscall === undefined && /ended by the other party/.test(String(error.message));

/** A socket reset or closed under a read or write. */
const isReset = (error) => RESETS.has(error.code) && (error.syscall === 'read' || error.syscall === 'write' || endedByPeer(error));

const targets = hyperdriveTargets(process.env);

const isTarget = ({ address, port }) => targets.some((t) => port === t.port && (address === t.host || (t.host === 'localhost' && LOOPBACK.has(address))));

/**
 * The proxy failing to reach Postgres (the error names the address), or Postgres going away under
 * an open connection (`peer`: where the socket was connected).
 */
function isUpstreamFailure(error, peer) {
  if (!error) return false;
  if (error.syscall === 'connect') return UNREACHABLE.has(error.code) && isTarget(error);
  return isReset(error) && peer !== undefined && isTarget(peer);
}

if (targets.length > 0) {
  diagnostics.subscribe('net.client.socket', ({ socket }) => {
    // The proxy pipes workerd's socket into its upstream socket in the tick it connects, before any
    // connect error can be emitted; sockets nobody pipes into never get an 'error' listener.
    let peer;
    socket.once('connect', () => (peer = { address: socket.remoteAddress, port: socket.remotePort }));
    socket.once('pipe', (client) => {
      socket.on('error', (error) => {
        if (isUpstreamFailure(error, peer)) {
          console.warn(`[socket-reset-guard] Postgres ${error.code} on a local Hyperdrive connection: closed it for the Worker`);
          client.unpipe(socket);
          client.resume(); // drain what workerd still sends, so closing sends FIN, not RST
          client.end();
          return;
        }
        // Nobody else listens: crash (or reach the handler below) as without this listener.
        if (socket.listenerCount('error') === 1) throw error;
      });
      client.on('error', (error) => {
        if (isReset(error)) {
          socket.destroy(); // workerd is gone from this connection: so is Postgres
          return;
        }
        if (client.listenerCount('error') === 1) throw error;
      });
    });
  });
}

process.on('uncaughtException', (error) => {
  if (error && isReset(error)) {
    console.warn(`[socket-reset-guard] ignored ${error.code} on a local proxy socket`);
    return;
  }
  throw error;
});
