/** Fixed loopback ports of the dev stack; wrangler.jsonc's localConnectionString uses the first. */
export const DEV_PORTS = { postgres: 54329, s3: 54330, neonProxy: 54331, worker: 8787 } as const;
export const DEV_DATABASE_URL = `postgres://atoll:atoll@127.0.0.1:${DEV_PORTS.postgres}/atoll`;
export const DEV_BUCKET = 'atoll-dev';
