// A fake of the ECS API behind a real ECSClient (not a test file itself): the SDK serialises each
// command and parses the answer as it would against AWS; only the transport is replaced, by an
// in-process handler that keeps one service whose desired count follows UpdateService. For tests
// that drive the cluster admin endpoints without AWS (the fuzzer); settings to boot them with below.
import { ECSClient } from '@aws-sdk/client-ecs';

/** Cluster admin settings naming the fake's cluster and service. */
export const FAKE_ECS_SETTINGS = { CLUSTER_ADMIN_CLUSTER: 'atoll', CLUSTER_ADMIN_SERVICE: 'runners', CLUSTER_ADMIN_REGION: 'eu-west-1' };

const epoch = (iso: string) => Date.parse(iso) / 1000;

export function fakeEcsClient(): ECSClient {
  const service = {
    serviceName: 'runners',
    serviceArn: 'arn:aws:ecs:eu-west-1:123456789012:service/atoll/runners',
    status: 'ACTIVE',
    desiredCount: 1,
    runningCount: 1,
    pendingCount: 0,
    taskDefinition: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/atoll-runner:1',
    deployments: [
      {
        id: 'ecs-svc/1',
        status: 'PRIMARY',
        rolloutState: 'COMPLETED',
        taskDefinition: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/atoll-runner:1',
        desiredCount: 1,
        runningCount: 1,
        pendingCount: 0,
        failedTasks: 0,
        createdAt: epoch('2026-01-01T00:00:00Z'),
        updatedAt: epoch('2026-01-01T00:05:00Z'),
      },
    ],
    events: [{ id: 'e1', createdAt: epoch('2026-01-01T00:05:00Z'), message: '(service runners) has reached a steady state.' }],
  };
  const answer = (statusCode: number, body: unknown) => ({
    response: { statusCode, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: new TextEncoder().encode(JSON.stringify(body)) },
  });
  const handler = {
    async handle(request: { headers: Record<string, string>; body?: string | Uint8Array }) {
      const action = request.headers['x-amz-target']?.split('.').pop();
      const text = request.body === undefined ? '{}' : typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body);
      const input = JSON.parse(text) as { desiredCount?: number };
      if (action === 'DescribeServices') return answer(200, { services: [service], failures: [] });
      if (action === 'UpdateService') {
        if (input.desiredCount !== undefined) service.desiredCount = input.desiredCount;
        return answer(200, { service });
      }
      return answer(400, { __type: 'InvalidParameterException', message: `the fake does not know ${action}` });
    },
  };
  return new ECSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1, requestHandler: handler as never });
}
