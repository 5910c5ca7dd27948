import { ECSClient } from '@aws-sdk/client-ecs';
import type { ClusterAdminConfig } from '../config';

/**
 * The ECS client production uses, from the settings (region, optional endpoint and keys; without
 * keys the SDK's default credential chain applies). Tests give the plugin their own client instead.
 *
 * @example
 * const ecs = ecsClientFor(config);
 */
export const ecsClientFor = (config: ClusterAdminConfig): ECSClient =>
  new ECSClient({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.accessKeyId && config.secretAccessKey ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } } : {}),
    maxAttempts: 2,
  });
