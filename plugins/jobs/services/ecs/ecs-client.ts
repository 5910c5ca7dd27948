import { ECSClient } from '@aws-sdk/client-ecs';

/** Where and as whom to call ECS. Without keys the SDK's default credential chain applies. */
export interface EcsConnection {
  region: string;
  endpoint?: string | undefined;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
}

/**
 * An ECS client from settings; tests pass their own client (aws-sdk-client-mock) instead.
 *
 * @example
 * const ecs = createEcsClient({ region: 'eu-west-1', accessKeyId, secretAccessKey });
 */
export function createEcsClient(connection: EcsConnection): ECSClient {
  const { region, endpoint, accessKeyId, secretAccessKey } = connection;
  return new ECSClient({
    region,
    ...(endpoint ? { endpoint } : {}),
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
    // One quick retry: the dispatcher runs again at the next cron trigger anyway.
    maxAttempts: 2,
  });
}

/** `family` of `family`, `family:3` or `arn:aws:ecs:region:account:task-definition/family:3`. */
export const taskFamily = (taskDefinition: string): string => {
  const name = taskDefinition.includes('/') ? taskDefinition.slice(taskDefinition.lastIndexOf('/') + 1) : taskDefinition;
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(0, colon);
};
