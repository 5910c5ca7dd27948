import { AtollError, validationFailed } from 'atoll/plugin';

/** Every error code the cluster admin plugin returns. */
export const ClusterAdminErrorCode = {
  NOT_CONFIGURED: 'CLUSTER_ADMIN_NOT_CONFIGURED',
  DESIRED_OUT_OF_RANGE: 'CLUSTER_ADMIN_DESIRED_OUT_OF_RANGE',
  ECS_FAILED: 'CLUSTER_ADMIN_ECS_FAILED',
} as const;

export const notConfigured = () => new AtollError('unavailable', ClusterAdminErrorCode.NOT_CONFIGURED, 'Cluster admin is not configured: set CLUSTER_ADMIN_CLUSTER and CLUSTER_ADMIN_SERVICE');

export const desiredOutOfRange = (min: number, max: number) =>
  validationFailed(ClusterAdminErrorCode.DESIRED_OUT_OF_RANGE, `desiredCount must be between ${min} and ${max}`, [
    { location: 'body', path: 'desiredCount', message: `Must be between ${min} and ${max}` },
  ]);

// What an admin may be told about an AWS failure, by the SDK's error name; anything else is generic.
const CLEAN: Record<string, string> = {
  AccessDeniedException: 'ECS refused the request: the configured credentials lack the permission',
  UnrecognizedClientException: 'ECS refused the configured credentials',
  InvalidSignatureException: 'ECS refused the configured credentials',
  ExpiredTokenException: 'The configured ECS credentials have expired',
  ClusterNotFoundException: 'The configured ECS cluster does not exist',
  ServiceNotFoundException: 'The configured ECS service does not exist',
  ServiceNotActiveException: 'The configured ECS service is not active',
  ThrottlingException: 'ECS is throttling requests; try again shortly',
  ServerException: 'ECS had an internal error; try again shortly',
};

/**
 * An ECS failure as a 502 whose detail is a fixed sentence chosen by the error's name: AWS messages
 * (account ids, ARNs, request ids) never reach the caller. The original stays in `cause` for the log.
 */
export function ecsFailed(error: unknown): AtollError {
  const name = error instanceof Error ? error.name : '';
  return new AtollError('bad_gateway', ClusterAdminErrorCode.ECS_FAILED, CLEAN[name] ?? 'The ECS request failed', { cause: error });
}

/** DescribeServices reports a missing service as a failure entry, not an error: make it the SDK's error. */
export const serviceMissing = () => Object.assign(new Error('The service is not in the answer'), { name: 'ServiceNotFoundException' });
