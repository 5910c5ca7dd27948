// The ECS dispatcher's calls through the real AWS SDK against a local HTTP endpoint: what goes on
// the wire (JSON 1.1 protocol, X-Amz-Target, a SigV4 signature, the body fields), not a mock's view.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCapacity } from '../../plugins/jobs/services/ecs/capacity';
import { createEcsClient } from '../../plugins/jobs/services/ecs/ecs-client';
import { startTasks } from '../../plugins/jobs/services/ecs/start-tasks';

interface Seen {
  target: string;
  contentType: string;
  authorization: string;
  body: Record<string, unknown>;
}

const seen: Seen[] = [];
const ANSWERS: Record<string, (body: Record<string, any>) => unknown> = {
  ListTasks: () => ({ taskArns: ['arn:aws:ecs:eu-west-1:1:task/atoll/t1'] }),
  DescribeTasks: () => ({ tasks: [{ taskArn: 'arn:aws:ecs:eu-west-1:1:task/atoll/t1', lastStatus: 'RUNNING', desiredStatus: 'RUNNING' }], failures: [] }),
  RunTask: (body) => ({ tasks: Array.from({ length: body.count as number }, (_, i) => ({ taskArn: `arn:aws:ecs:eu-west-1:1:task/atoll/n${i}` })), failures: [] }),
};

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
};

let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const body = await readBody(req);
    seen.push({ target, contentType: String(req.headers['content-type']), authorization: String(req.headers.authorization ?? ''), body });
    const answer = ANSWERS[target.split('.').pop() ?? ''];
    res.writeHead(answer ? 200 : 400, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify(answer ? answer(body) : { __type: 'InvalidParameterException', message: `unexpected ${target}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('ECS requests on the wire', () => {
  it('counts capacity with ListTasks and DescribeTasks, then starts tasks with RunTask', async () => {
    const ecs = createEcsClient({ region: 'eu-west-1', endpoint, accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-example' });
    const capacity = await countCapacity(ecs, { cluster: 'atoll', taskDefinition: 'atoll-runner:4' });
    expect(capacity).toEqual({ running: 1, starting: 0, total: 1 });
    const started = await startTasks(
      ecs,
      { cluster: 'atoll', taskDefinition: 'atoll-runner:4', count: 12, subnets: ['subnet-1'], securityGroups: ['sg-1', 'sg-2'], assignPublicIp: true },
      {
        warn: (msg) => {
          throw new Error(`unexpected warning: ${msg}`);
        },
      },
    );
    expect(started).toBe(12);

    expect(seen.map((s) => s.target)).toEqual([
      'AmazonEC2ContainerServiceV20141113.ListTasks',
      'AmazonEC2ContainerServiceV20141113.DescribeTasks',
      'AmazonEC2ContainerServiceV20141113.RunTask',
      'AmazonEC2ContainerServiceV20141113.RunTask',
    ]);
    for (const s of seen) {
      expect(s.contentType).toBe('application/x-amz-json-1.1');
      expect(s.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/ecs\/aws4_request, SignedHeaders=.*x-amz-target.*, Signature=[0-9a-f]{64}$/);
    }
    expect(seen[0]!.body).toEqual({ cluster: 'atoll', family: 'atoll-runner', desiredStatus: 'RUNNING', maxResults: 100 });
    expect(seen[1]!.body).toEqual({ cluster: 'atoll', tasks: ['arn:aws:ecs:eu-west-1:1:task/atoll/t1'] });
    expect(seen[2]!.body).toEqual({
      // The SDK adds an idempotency token, so its own retry of a call cannot start tasks twice.
      clientToken: expect.stringMatching(/^[0-9a-f-]{36}$/),
      cluster: 'atoll',
      taskDefinition: 'atoll-runner:4',
      launchType: 'FARGATE',
      count: 10,
      startedBy: 'atoll-dispatcher',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1', 'sg-2'], assignPublicIp: 'ENABLED' } },
    });
    expect(seen[3]!.body).toMatchObject({ taskDefinition: 'atoll-runner:4', count: 2, launchType: 'FARGATE', startedBy: 'atoll-dispatcher' });
  });
});
