import { startTestAtoll } from 'atoll/plugin/testing';
import { describe, expect, it } from 'vitest';
import { polygonsPlugin } from '../src/index';
import { expectStatus, HOLE, polygonBody, SQUARE } from './support';

const t = await startTestAtoll({ plugins: [polygonsPlugin()] });

/** The page as a browser of `who` gets it: the session cookie is not needed, a bearer token and the tenant header do. */
const page = async (who: Parameters<typeof t.as>[0], tenantId: string) => {
  const res = await t.as(who, tenantId).get('/app/polygons', { headers: { accept: 'text/html' } });
  const text = await res.text();
  expect(res.status, text.slice(0, 2000)).toBe(200);
  return text;
};

describe('page /app/polygons', () => {
  it("draws the tenant's polygons as one accessible inline SVG, with a table saying the same", async () => {
    const team = await t.seedTeam('polypage');
    const as = t.as(team.member, team.tenant.id);
    const reef = await expectStatus(await as.post('/api/v1/polygons', polygonBody('Reef <North> & "co"', [SQUARE, HOLE])), 201);
    const east = SQUARE.map(([lon, lat]) => [lon! + 0.2, lat!]);
    const lagoon = await expectStatus(await as.post('/api/v1/polygons', polygonBody('Lagoon', [east])), 201);

    const html = await page(team.viewer, team.tenant.id);
    const svg = html.match(/<svg id="polygons-map"[\s\S]*?<\/svg>/)?.[0];
    expect(svg, html.slice(0, 3000)).toBeDefined();
    expect(svg).toMatch(/role="img" aria-labelledby="polygons-map-title polygons-map-desc"/);
    expect(svg).toContain(`<title id="polygons-map-title">Polygons of ${team.tenant.slug}</title>`);
    expect(svg).toMatch(/<desc id="polygons-map-desc">A map of all 2 polygons/);
    // One path per polygon; the holed one has two subpaths (outer ring, hole), cut out even-odd.
    const reefPath = svg!.match(new RegExp(`<g data-polygon="${reef.id}">[\\s\\S]*?<path d="([^"]+)"`))?.[1];
    expect(reefPath?.match(/M/g)).toHaveLength(2);
    expect(svg).toMatch(new RegExp(`<g data-polygon="${lagoon.id}">`));
    expect(svg).toContain('fill-rule="evenodd"');
    // Names are escaped text, in the drawing and in the table.
    expect(svg).toContain('Reef &lt;North&gt; &amp; &quot;co&quot;</text>');
    expect(html).not.toContain('<North>');
    expect(html).toMatch(new RegExp(`<tr data-polygon="${lagoon.id}"><td>Lagoon</td><td>[\\d.,]+</td><td>5</td>`));
    // Scaled to fit: every projected coordinate lies inside the view box.
    const [x0, y0, w, h] = svg!
      .match(/viewBox="([^"]+)"/)![1]!
      .split(' ')
      .map(Number);
    const points = [...svg!.matchAll(/[ML]?(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(points.length).toBeGreaterThan(10);
    for (const [x, y] of points) {
      expect(x).toBeGreaterThanOrEqual(x0!);
      expect(x).toBeLessThanOrEqual(x0! + w!);
      expect(y).toBeGreaterThanOrEqual(y0!);
      expect(y).toBeLessThanOrEqual(y0! + h!);
    }
    // Linked from the navigation.
    expect(html).toMatch(/<a[^>]*href="\/app\/polygons"[^>]*>Polygons<\/a>/);
  });

  it('lets a member create a polygon from the form, with the API rules; viewers get no form', async () => {
    const team = await t.seedTeam('polypage-form');
    const post = (who: typeof team.member, fields: Record<string, string>) =>
      t.as(who, team.tenant.id).post('/app/polygons', new URLSearchParams(fields).toString(), { headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } });
    expect(await page(team.member, team.tenant.id)).toContain('<form class="stack" method="post" action="/app/polygons" id="create-polygon">');
    expect(await page(team.viewer, team.tenant.id)).not.toContain('id="create-polygon"');

    const created = await post(team.member, { name: 'From the form', geometry: JSON.stringify({ type: 'Polygon', coordinates: [SQUARE] }) });
    expect(created.status, await created.clone().text()).toBe(303);
    expect(created.headers.get('location')).toBe('/app/polygons');
    const listed = await expectStatus(await t.as(team.viewer, team.tenant.id).get('/api/v1/polygons'), 200);
    expect(listed.items).toMatchObject([{ name: 'From the form', positionCount: 5, createdBy: team.member.userId }]);

    const notJson = await post(team.member, { name: 'Bad', geometry: '{"type": "Polygon",' });
    expect(notJson.status).toBe(400);
    expect(await notJson.text()).toContain('Must be GeoJSON');
    const bowTie = await post(team.member, {
      name: 'Bad',
      geometry: JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [1, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      }),
    });
    expect(bowTie.status).toBe(400);
    expect(await bowTie.text()).toContain('The ring crosses itself at [0.5, 0.5]');
    expect((await post(team.viewer, { name: 'Viewer', geometry: JSON.stringify({ type: 'Polygon', coordinates: [SQUARE] }) })).status).toBe(403);
  });

  it('says there are none yet, and shows no other tenant any of them', async () => {
    const empty = await t.seedTeam('polypage-empty');
    const html = await page(empty.viewer, empty.tenant.id);
    expect(html).toContain('id="no-polygons"');
    expect(html).not.toContain('<svg id="polygons-map"');
  });
});
