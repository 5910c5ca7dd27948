import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { experimental_readRawConfig, unstable_readConfig } from 'wrangler';

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const wranglerConfigPath = join(repositoryRoot, 'wrangler.jsonc');

/** Environment variables that keep wrangler off the network (no metrics, no request.cf fetch). */
export const OFFLINE_WRANGLER_ENV = { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' } as const;

export type WranglerConfig = ReturnType<typeof unstable_readConfig>;

/** The deployed environments (`env` in wrangler.jsonc), in the order they are written. */
export function deployedEnvironmentNames(): string[] {
  return Object.keys(experimental_readRawConfig({ config: wranglerConfigPath }).rawConfig.env ?? {});
}

/** The configuration wrangler deploys for `env` (the top level, local development, when undefined). */
export function readEnvironment(env?: string): WranglerConfig {
  return unstable_readConfig({ config: wranglerConfigPath, ...(env ? { env } : {}) }, { hideWarnings: true });
}

/** A value that stands for one a deployer must fill in: all zeros, or `REPLACE_…`. */
export const isPlaceholder = (value: unknown): boolean => typeof value === 'string' && (/^0+$/.test(value) || value.startsWith('REPLACE_'));

/** Where an environment still holds placeholders, e.g. `hyperdrive HYPERDRIVE` or `vars S3_BUCKET`. */
export function placeholdersIn(config: Pick<WranglerConfig, 'hyperdrive' | 'vars'>): string[] {
  const found: string[] = [];
  for (const binding of config.hyperdrive ?? []) if (isPlaceholder(binding.id)) found.push(`hyperdrive ${binding.binding}`);
  for (const [name, value] of Object.entries(config.vars ?? {})) if (isPlaceholder(value)) found.push(`vars ${name}`);
  return found;
}
