import { describe, expect, it } from 'vitest';
import { bodyOf, send } from '../../test/worker/harness';
import { bootRealtime } from './testing';

const atoll = await bootRealtime();

describe('OpenAPI document', () => {
  it('documents every realtime operation with its id and errors', async () => {
    const res = await send(atoll, '/api/openapi.json');
    const doc = await bodyOf(res);
    expect(res.status, JSON.stringify(doc).slice(0, 500)).toBe(200);
    const op = (path: string, method: string) => doc.paths[path]?.[method];
    expect(op('/api/v1/realtime/tickets', 'post')).toMatchObject({ operationId: 'realtime.createTicket', tags: ['realtime'] });
    expect(Object.keys(op('/api/v1/realtime', 'get').responses)).toEqual(expect.arrayContaining(['101', '401', '426']));
    expect(op('/api/v1/realtime', 'get').parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['ticket', 'topics', 'lastEventId']));
    expect(op('/api/v1/realtime/events', 'get')).toMatchObject({ operationId: 'realtime.streamEvents' });
    expect(op('/api/v1/realtime/events', 'get').parameters.map((p: { name?: string; $ref?: string }) => p.name ?? p.$ref)).toEqual(
      expect.arrayContaining(['last-event-id', '#/components/parameters/TenantId']),
    );
    expect(Object.keys(op('/api/v1/realtime/events', 'post').responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '413']));
  });
});
