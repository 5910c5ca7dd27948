import { runConformanceSuite } from 'atoll/plugin/testing';
import { polygonsPlugin } from '../src/index';
import { polygonBody } from './support';

/** The id in a 201 answer, or an error that shows the answer. */
async function createdId(res: Response): Promise<string> {
  const body = (await res.json()) as { id?: string };
  if (res.status !== 201 || !body.id) throw new Error(`expected 201 with an id, got ${res.status}: ${JSON.stringify(body)}`);
  return body.id;
}

runConformanceSuite(() => polygonsPlugin(), {
  resources: {
    polygonId: async ({ as }) => createdId(await as.post('/api/v1/polygons', polygonBody('Conformance'))),
    noteId: async ({ as, resource }) => createdId(await as.post(`/api/v1/polygons/${await resource('polygonId')}/notes`, { body: 'A note' })),
  },
});
