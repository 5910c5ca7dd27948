import { area } from '@turf/area';
import { definePlugin } from 'atoll/plugin';
import { startTestAtoll } from 'atoll/plugin/testing';
import { describe, expect, it } from 'vitest';
import { AREA_REPORT, polygonsPlugin } from '../src/index';
import { areaReport } from '../src/runner';
import { expectStatus, HOLE, polygonBody, SQUARE } from './support';

// The tool and the job type run inside Atoll's chat and jobs plugins; the kit adds the first-party
// plugins that the plugins under test require, so this probe requires them (polygons needs neither).
const hostsPlugin = definePlugin(() => ({ id: 'polygons-hosts', version: '0.0.0', requires: ['chat', 'jobs'] }));

const t = await startTestAtoll({ plugins: [polygonsPlugin(), hostsPlugin()] });
const a = await t.seedTeam('polyjob-a');
const b = await t.seedTeam('polyjob-b');
const asA = t.as(a.member, a.tenant.id);

const square = await expectStatus(await asA.post('/api/v1/polygons', polygonBody('Square')), 201);
const holed = await expectStatus(await asA.post('/api/v1/polygons', polygonBody('Holed <b>', [SQUARE, HOLE])), 201);
const squareArea = area({ type: 'Polygon', coordinates: [SQUARE] });

describe('chat tool polygons_area', () => {
  it('gives one polygon its geodesic area in m² and km², to a viewer', async () => {
    const ran = await expectStatus(await t.as(a.viewer, a.tenant.id).post('/api/v1/chat/tools/polygons_area', { input: { polygonId: square.id } }), 200);
    const m2 = Number(squareArea.toFixed(2));
    expect(ran.result.table).toEqual({ columns: ['id', 'name', 'area_m2', 'area_km2'], rows: [[square.id, 'Square', m2, Number((squareArea / 1e6).toFixed(6))]], truncated: false });
    expect(ran.result.text).toContain(`Polygon "Square" (${square.id}) has a geodesic area of ${m2} m²`);
  });

  it('is read-only, listed for viewers, and needs polygons:read from an API key', async () => {
    const listed = await expectStatus(await t.as(a.viewer, a.tenant.id).get('/api/v1/chat/tools'), 200);
    expect(listed.items.find((tool: { name: string }) => tool.name === 'polygons_area')).toMatchObject({ plugin: 'polygons', writes: false, minRole: 'viewer' });
    const withoutScope = await t.seedApiKey(a.tenant.id, { scopes: ['chat:tools'] });
    const refused = await t.as({ apiKey: withoutScope.secret }).post('/api/v1/chat/tools/polygons_area', { input: { polygonId: square.id } });
    expect(refused.status, await refused.clone().text()).toBeGreaterThanOrEqual(400);
    const key = await t.seedApiKey(a.tenant.id, { scopes: ['chat:tools', 'polygons:read'] });
    await expectStatus(await t.as({ apiKey: key.secret }).post('/api/v1/chat/tools/polygons_area', { input: { polygonId: holed.id } }), 200);
  });

  it("answers another tenant's polygon as not found, and refuses a bad id", async () => {
    const other = await t.as(b.owner, b.tenant.id).post('/api/v1/chat/tools/polygons_area', { input: { polygonId: square.id } });
    const problem = await other.json();
    expect(JSON.stringify(problem)).toContain('POLYGONS_NOT_FOUND');
    expect(other.status, JSON.stringify(problem)).toBe(404);
    await expectStatus(await asA.post('/api/v1/chat/tools/polygons_area', { input: { polygonId: 'not-a-uuid' } }), 400);
  });
});

describe('job type polygons.area-report', () => {
  it('is created by a member, and a runner reports every polygon of the tenant from polygons.geojson', async () => {
    const job = await expectStatus(await asA.post('/api/v1/jobs', { type: AREA_REPORT, input: {} }), 201);
    await expectStatus(await asA.post('/api/v1/jobs', { type: AREA_REPORT, input: { unexpected: 1 } }), 400);

    const runnerKey = await t.seedApiKey(a.tenant.id, { scopes: ['jobs:work'] });
    const runner = t.as({ apiKey: runnerKey.secret });
    const claimed = await expectStatus(await runner.post('/api/v1/jobs/claim', { types: [AREA_REPORT], runnerId: 'polygons-test' }), 200);
    const assignment = claimed.jobs.find((j: { jobId: string }) => j.jobId === job.id);
    expect(assignment, JSON.stringify(claimed)).toBeDefined();
    const resource = (name: string) => runner.get(`/api/v1/jobs/assignments/${assignment.assignmentId}/resources/${name}?runnerId=polygons-test`);

    const geojson = await resource('polygons.geojson');
    expect(geojson.headers.get('content-type')).toBe('application/geo+json');
    const collection = (await geojson.json()) as { type: string; features: { properties: { id: string } }[] };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.map((f) => f.properties.id).sort()).toEqual([square.id, holed.id].sort());

    // The package's runner handler, fed by the same resource a deployed runner streams.
    const report = await areaReport({ resource });
    expect(report).toEqual({
      polygonCount: 2,
      totalSquareMeters: expect.closeTo(square.areaSquareMeters + holed.areaSquareMeters, 3),
      polygons: [
        { id: square.id, name: 'Square', areaSquareMeters: expect.closeTo(square.areaSquareMeters, 3) },
        { id: holed.id, name: 'Holed <b>', areaSquareMeters: expect.closeTo(holed.areaSquareMeters, 3) },
      ],
      truncated: false,
    });
    await expectStatus(await runner.post(`/api/v1/jobs/assignments/${assignment.assignmentId}/result`, { status: 'SUCCEEDED', result: report, runnerId: 'polygons-test' }), 200);
    const done = await expectStatus(await asA.get(`/api/v1/jobs/${job.id}`), 200);
    expect(done).toMatchObject({ status: 'SUCCEEDED', result: { polygonCount: 2, truncated: false } });
  });

  it('streams an empty collection for a tenant without polygons, and refuses a malformed report', async () => {
    const empty = await t.seedTeam('polyjob-empty');
    const job = await expectStatus(await t.as(empty.member, empty.tenant.id).post('/api/v1/jobs', { type: AREA_REPORT, input: {} }), 201);
    const runner = t.as({ apiKey: (await t.seedApiKey(empty.tenant.id, { scopes: ['jobs:work'] })).secret });
    const claimed = await expectStatus(await runner.post('/api/v1/jobs/claim', { types: [AREA_REPORT], runnerId: 'polygons-test' }), 200);
    const { assignmentId } = claimed.jobs.find((j: { jobId: string }) => j.jobId === job.id);
    const resource = (name: string) => runner.get(`/api/v1/jobs/assignments/${assignmentId}/resources/${name}?runnerId=polygons-test`);
    expect(await (await resource('polygons.geojson')).json()).toEqual({ type: 'FeatureCollection', features: [] });
    expect(await areaReport({ resource })).toEqual({ polygonCount: 0, totalSquareMeters: 0, polygons: [], truncated: false });
    const bad = await runner.post(`/api/v1/jobs/assignments/${assignmentId}/result`, { status: 'SUCCEEDED', result: { polygonCount: -1 }, runnerId: 'polygons-test' });
    expect(bad.status, await bad.clone().text()).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
  });

  it('needs polygons:read besides jobs:write from an API key', async () => {
    const jobsOnly = await t.seedApiKey(a.tenant.id, { scopes: ['jobs:write'] });
    const refused = await t.as({ apiKey: jobsOnly.secret }).post('/api/v1/jobs', { type: AREA_REPORT, input: {} });
    expect(refused.status, await refused.clone().text()).toBe(403);
  });
});
