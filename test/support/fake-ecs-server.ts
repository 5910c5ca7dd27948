// Just enough of the ECS JSON API over HTTP for the Worker's own ECS client (CLUSTER_ADMIN_ENDPOINT)
// in browser tests: one service whose desired count follows UpdateService. Not a test file itself.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeEcs {
  /** The endpoint to set as CLUSTER_ADMIN_ENDPOINT. */
  url: string;
  /** Cluster admin settings pointing the Worker at the fake (any keys do: it checks no signature). */
  vars: Record<string, string>;
  /** The inputs of every UpdateService call so far. */
  updates: Record<string, unknown>[];
  close(): Promise<void>;
}

/** Starts the fake on a free loopback port. */
export async function startFakeEcs(): Promise<FakeEcs> {
  const updates: Record<string, unknown>[] = [];
  let desiredCount = 1;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const action = String(req.headers['x-amz-target'] ?? '')
        .split('.')
        .pop();
      const input = JSON.parse(body || '{}') as { desiredCount?: number };
      if (action === 'UpdateService') {
        updates.push(input);
        if (input.desiredCount !== undefined) desiredCount = input.desiredCount;
      }
      const deployment = { id: 'ecs-svc/1', status: 'PRIMARY', rolloutState: 'COMPLETED', desiredCount, runningCount: 1, pendingCount: 0, failedTasks: 0, updatedAt: 1_790_000_000 };
      const events = [{ id: 'e1', createdAt: 1_790_000_000, message: '(service runners) has reached a steady state.' }];
      const service = { serviceName: 'runners', status: 'ACTIVE', desiredCount, runningCount: 1, pendingCount: 0, taskDefinition: 'atoll-runner:1', deployments: [deployment], events };
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(action === 'DescribeServices' ? { services: [service], failures: [] } : { service }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const vars = {
    CLUSTER_ADMIN_CLUSTER: 'atoll',
    CLUSTER_ADMIN_SERVICE: 'runners',
    CLUSTER_ADMIN_ENDPOINT: url,
    CLUSTER_ADMIN_REGION: 'eu-west-1',
    CLUSTER_ADMIN_ACCESS_KEY_ID: 'test',
    CLUSTER_ADMIN_SECRET_ACCESS_KEY: 'test',
    CLUSTER_ADMIN_MAX_DESIRED: '4',
  };
  return { url, vars, updates, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
