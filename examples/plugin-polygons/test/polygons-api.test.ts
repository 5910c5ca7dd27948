import { area } from '@turf/area';
import { startTestAtoll } from 'atoll/plugin/testing';
import { describe, expect, it } from 'vitest';
import { polygonsPlugin } from '../src/index';
import { expectStatus, HOLE, polygonBody, SQUARE } from './support';

const t = await startTestAtoll({ plugins: [polygonsPlugin()] });
const a = await t.seedTeam('poly-a');
const b = await t.seedTeam('poly-b');
const asA = (who: keyof Omit<typeof a, 'tenant'>) => t.as(a[who], a.tenant.id);

const create = async (who: keyof Omit<typeof a, 'tenant'>, name: string, rings?: number[][][]) => expectStatus(await asA(who).post('/api/v1/polygons', polygonBody(name, rings)), 201);

describe('polygons: create, read, update, delete', () => {
  it('lets a member create a polygon, with its geodesic area, and viewers read it', async () => {
    const res = await asA('member').post('/api/v1/polygons', polygonBody('Square'));
    const created = await expectStatus(res, 201);
    expect(res.headers.get('location')).toBe(`/api/v1/polygons/${created.id}`);
    expect(created).toMatchObject({ name: 'Square', positionCount: 5, createdBy: a.member.userId, geometry: { type: 'Polygon', coordinates: [SQUARE] } });
    expect(created.areaSquareMeters).toBeCloseTo(area({ type: 'Polygon', coordinates: [SQUARE] }), 3);
    // 0.1° x 0.1° at 19°S: about 11.1 km x 10.5 km.
    expect(created.areaSquareMeters / 1e6).toBeGreaterThan(115);
    expect(created.areaSquareMeters / 1e6).toBeLessThan(119);
    expect(await expectStatus(await asA('viewer').get(`/api/v1/polygons/${created.id}`), 200)).toEqual(created);
    const list = await expectStatus(await asA('viewer').get('/api/v1/polygons'), 200);
    const { geometry: _, ...summary } = created;
    expect(list.items.find((p: { id: string }) => p.id === created.id)).toEqual(summary);
  });

  it('subtracts holes from the area', async () => {
    const holed = await create('member', 'Holed', [SQUARE, HOLE]);
    expect(holed.areaSquareMeters).toBeCloseTo(area({ type: 'Polygon', coordinates: [SQUARE] }) - area({ type: 'Polygon', coordinates: [HOLE] }), 3);
    expect(holed.positionCount).toBe(10);
  });

  it('refuses a viewer write (403 KERNEL_FORBIDDEN) and an anonymous caller (401)', async () => {
    await expectStatus(await asA('viewer').post('/api/v1/polygons', polygonBody('Nope')), 403, 'KERNEL_FORBIDDEN');
    await expectStatus(await t.as(null, a.tenant.id).get('/api/v1/polygons'), 401);
  });

  it('lets the creator or an admin change and delete a polygon, and no other member (403 POLYGONS_NOT_CREATOR)', async () => {
    const polygon = await create('member', 'Owned');
    const other = await t.seedMember(a.tenant.id, 'member');
    const path = `/api/v1/polygons/${polygon.id}`;
    await expectStatus(await t.as(other, a.tenant.id).patch(path, { name: 'Taken' }), 403, 'POLYGONS_NOT_CREATOR');
    await expectStatus(await t.as(other, a.tenant.id).delete(path), 403, 'POLYGONS_NOT_CREATOR');
    const moved = SQUARE.map(([lon, lat]) => [lon! + 1, lat!]);
    const renamed = await expectStatus(await asA('member').patch(path, { name: 'Renamed', geometry: { type: 'Polygon', coordinates: [moved] } }), 200);
    expect(renamed).toMatchObject({ name: 'Renamed', geometry: { coordinates: [moved] } });
    expect(Date.parse(renamed.updatedAt)).toBeGreaterThan(Date.parse(polygon.updatedAt));
    expect(await expectStatus(await asA('admin').patch(path, { name: 'By admin' }), 200)).toMatchObject({ name: 'By admin', createdBy: a.member.userId });
    await expectStatus(await asA('member').patch(path, {}), 400, 'KERNEL_VALIDATION');
    await expectStatus(await asA('owner').delete(path), 204);
    await expectStatus(await asA('member').get(path), 404, 'POLYGONS_NOT_FOUND');
    await expectStatus(await asA('member').delete(path), 404, 'POLYGONS_NOT_FOUND');
  });

  it('treats an API key as the creator of what it creates; scopes gate reads, writes and deletes', async () => {
    const reader = await t.seedApiKey(a.tenant.id, { scopes: ['polygons:read'] });
    const writer = await t.seedApiKey(a.tenant.id, { scopes: ['polygons:read', 'polygons:write', 'polygons:delete'] });
    await expectStatus(await t.as({ apiKey: reader.secret }).get('/api/v1/polygons'), 200);
    const refused = await t.as({ apiKey: reader.secret }).post('/api/v1/polygons', polygonBody('By reader'));
    expect(refused.status, await refused.clone().text()).toBe(403);
    const made = await expectStatus(await t.as({ apiKey: writer.secret }).post('/api/v1/polygons', polygonBody('By key')), 201);
    expect(made.createdBy).toBe(writer.id);
    await expectStatus(await asA('member').patch(`/api/v1/polygons/${made.id}`, { name: 'Mine now' }), 403, 'POLYGONS_NOT_CREATOR');
    await expectStatus(await t.as({ apiKey: writer.secret }).delete(`/api/v1/polygons/${made.id}`), 204);
  });
});

describe('polygons: geometry validation (400 naming the field)', () => {
  const refused = async (rings: unknown, path: string, message: RegExp, code = 'POLYGONS_INVALID_GEOMETRY') => {
    const body = await expectStatus(await asA('member').post('/api/v1/polygons', { name: 'Bad', geometry: { type: 'Polygon', coordinates: rings } }), 400, code);
    expect(body.errors, JSON.stringify(body)).toContainEqual({ location: 'body', path, message: expect.stringMatching(message) });
    return body;
  };

  it('refuses a ring that is not closed', async () => {
    await refused([SQUARE.slice(0, 4)], 'geometry.coordinates.0', /not closed: its last position \[146.8, -19.2\] must repeat its first \[146.8, -19.3\]/);
  });

  it('refuses a ring of fewer than 4 positions, naming the ring', async () => {
    const triangleTooShort = [
      [0, 0],
      [1, 0],
      [0, 0],
    ];
    await refused([SQUARE, triangleTooShort], 'geometry.coordinates.1', /at least 4 positions .* has 3/);
  });

  it('refuses longitudes and latitudes out of range, naming the position', async () => {
    const body = await refused(
      [
        [
          [0, 0],
          [200, 0],
          [1, -95],
          [0, 0],
        ],
      ],
      'geometry.coordinates.0.1',
      /Longitude 200 is outside \[-180, 180\]/,
    );
    expect(body.errors).toContainEqual({ location: 'body', path: 'geometry.coordinates.0.2', message: 'Latitude -95 is outside [-90, 90]' });
  });

  it('refuses a self-intersecting ring (a bow tie), saying where it crosses', async () => {
    await refused(
      [
        [
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      ],
      'geometry.coordinates.0',
      /crosses itself at \[0.5, 0.5\]/,
    );
  });

  it('refuses a ring that touches itself or lies flat, and a hole that crosses the outer ring', async () => {
    await refused(
      [
        [
          [0, 0],
          [2, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
      'geometry.coordinates.0',
      /crosses itself at \[1, 0\]/,
    );
    await refused(
      [
        [
          [0, 0],
          [1, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
      'geometry.coordinates.0',
      /crosses itself at \[1, 0\]/,
    );
    await refused(
      [
        [
          [0, 0],
          [1, 0],
          [2, 0],
          [0, 0],
        ],
      ],
      'geometry.coordinates.0',
      /encloses no area/,
    );
    const crossing = [
      [146.85, -19.25],
      [147, -19.25],
      [147, -19.22],
      [146.85, -19.22],
      [146.85, -19.25],
    ];
    await refused([SQUARE, crossing], 'geometry.coordinates', /A hole crosses or touches the outer ring/);
  });

  it('refuses a hole outside the outer ring (apart, around it, or touching it from outside), naming the hole', async () => {
    const apart = [
      [10, 10],
      [11, 10],
      [11, 11],
      [10, 11],
      [10, 10],
    ];
    await refused([SQUARE, HOLE, apart], 'geometry.coordinates.2', /The hole is not inside the outer ring: its position \[10, 10\] lies outside it/);
    const around = [
      [146, -20],
      [148, -20],
      [148, -18],
      [146, -18],
      [146, -20],
    ];
    await refused([SQUARE, around], 'geometry.coordinates.1', /not inside the outer ring: its position \[146, -20\]/);
    const touchingOutside = [
      [146.8, -19.3],
      [146.75, -19.35],
      [146.78, -19.35],
      [146.8, -19.3],
    ];
    await refused([SQUARE, touchingOutside], 'geometry.coordinates.1', /not inside the outer ring: its position \[146.75, -19.35\]/);
    // A hole may touch the outer ring at one corner from the inside (OGC simple features allow it).
    const touchingInside = [
      [146.8, -19.3],
      [146.85, -19.25],
      [146.85, -19.28],
      [146.8, -19.3],
    ];
    await create('member', 'Corner hole', [SQUARE, touchingInside]);
  });

  it('refuses a wrong JSON shape and the limits with the kernel code, naming the field', async () => {
    const shape = async (body: unknown, path: string) => {
      const problem = await expectStatus(await asA('member').post('/api/v1/polygons', body), 400, 'KERNEL_VALIDATION');
      expect(
        problem.errors.map((e: { path: string }) => e.path),
        JSON.stringify(problem),
      ).toContain(path);
    };
    await shape({ name: 'Point', geometry: { type: 'Point', coordinates: [0, 0] } }, 'geometry.type');
    await shape({ name: 'Flat', geometry: { type: 'Polygon', coordinates: [[[0], [1, 1], [1, 0], [0]]] } }, 'geometry.coordinates.0.0');
    await shape(
      {
        name: 'Text',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              ['0', 0],
              [1, 1],
              [1, 0],
              ['0', 0],
            ],
          ],
        },
      },
      'geometry.coordinates.0.0.0',
    );
    await shape({ name: 'Empty', geometry: { type: 'Polygon', coordinates: [] } }, 'geometry.coordinates');
    const big = Array.from({ length: 1001 }, (_, i) => [Math.cos(i), Math.sin(i)]);
    await shape({ name: 'Big', geometry: { type: 'Polygon', coordinates: [big] } }, 'geometry.coordinates.0');
    const manyRings = Array.from({ length: 21 }, () => SQUARE);
    await shape({ name: 'Rings', geometry: { type: 'Polygon', coordinates: manyRings } }, 'geometry.coordinates');
    const split = Array.from({ length: 3 }, () => Array.from({ length: 400 }, (_, i) => [i / 1000, 0]));
    await shape({ name: 'Split', geometry: { type: 'Polygon', coordinates: split } }, 'geometry.coordinates');
    await shape(polygonBody(''), 'name');
    await shape(polygonBody('x'.repeat(201)), 'name');
    await shape(polygonBody('nul\u0000'), 'name');
    await shape({ name: 'No geometry' }, 'geometry');
  });
});

describe('polygons: notes', () => {
  it('lets members add notes that viewers read; the author or an admin changes them (403 POLYGONS_NOT_NOTE_AUTHOR)', async () => {
    const polygon = await create('member', 'Noted');
    const notes = `/api/v1/polygons/${polygon.id}/notes`;
    const res = await asA('admin').post(notes, { body: 'Bleaching on the east edge' });
    const first = await expectStatus(res, 201);
    expect(res.headers.get('location')).toBe(`${notes}/${first.id}`);
    expect(first).toMatchObject({ polygonId: polygon.id, body: 'Bleaching on the east edge', createdBy: a.admin.userId });
    const second = await expectStatus(await asA('member').post(notes, { body: 'Second look' }), 201);
    await expectStatus(await asA('viewer').post(notes, { body: 'Viewer' }), 403, 'KERNEL_FORBIDDEN');
    const listed = await expectStatus(await asA('viewer').get(notes), 200);
    expect(listed.items.map((n: { id: string }) => n.id)).toEqual([first.id, second.id]);
    expect(await expectStatus(await asA('viewer').get(`${notes}/${second.id}`), 200)).toEqual(second);

    await expectStatus(await asA('member').patch(`${notes}/${first.id}`, { body: 'Not mine' }), 403, 'POLYGONS_NOT_NOTE_AUTHOR');
    await expectStatus(await asA('member').delete(`${notes}/${first.id}`), 403, 'POLYGONS_NOT_NOTE_AUTHOR');
    expect(await expectStatus(await asA('member').patch(`${notes}/${second.id}`, { body: 'Edited' }), 200)).toMatchObject({ body: 'Edited' });
    expect(await expectStatus(await asA('owner').patch(`${notes}/${second.id}`, { body: 'Moderated' }), 200)).toMatchObject({ body: 'Moderated', createdBy: a.member.userId });
    await expectStatus(await asA('admin').delete(`${notes}/${second.id}`), 204);
    await expectStatus(await asA('member').get(`${notes}/${second.id}`), 404, 'POLYGONS_NOTE_NOT_FOUND');
    await expectStatus(await asA('member').post(notes, { body: '' }), 400, 'KERNEL_VALIDATION');
    await expectStatus(await asA('member').post(notes, { body: 'x'.repeat(4001) }), 400, 'KERNEL_VALIDATION');
  });

  it('keeps a note under its own polygon, and deletes notes with their polygon', async () => {
    const one = await create('member', 'One');
    const two = await create('member', 'Two');
    const note = await expectStatus(await asA('member').post(`/api/v1/polygons/${one.id}/notes`, { body: 'On one' }), 201);
    await expectStatus(await asA('member').get(`/api/v1/polygons/${two.id}/notes/${note.id}`), 404, 'POLYGONS_NOTE_NOT_FOUND');
    await expectStatus(await asA('member').patch(`/api/v1/polygons/${two.id}/notes/${note.id}`, { body: 'Moved?' }), 404, 'POLYGONS_NOTE_NOT_FOUND');
    await expectStatus(await asA('member').delete(`/api/v1/polygons/${one.id}`), 204);
    await expectStatus(await asA('member').get(`/api/v1/polygons/${one.id}/notes`), 404, 'POLYGONS_NOT_FOUND');
    await expectStatus(await asA('member').post(`/api/v1/polygons/${one.id}/notes`, { body: 'Too late' }), 404, 'POLYGONS_NOT_FOUND');
  });
});

describe('polygons: pagination', () => {
  it('pages through every polygon newest first with cursors, and refuses a forged cursor', async () => {
    const team = await t.seedTeam('poly-pages');
    const as = t.as(team.member, team.tenant.id);
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await expectStatus(await as.post('/api/v1/polygons', polygonBody(`P${i}`)), 201)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await expectStatus(await as.get(`/api/v1/polygons?limit=2${cursor ? `&cursor=${cursor}` : ''}`), 200);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    await expectStatus(await as.get('/api/v1/polygons?cursor=forged'), 400, 'POLYGONS_INVALID_CURSOR');
    await expectStatus(await as.get('/api/v1/polygons?limit=101'), 400, 'KERNEL_VALIDATION');

    const notes = `/api/v1/polygons/${made[0]}/notes`;
    for (const body of ['n1', 'n2', 'n3']) await expectStatus(await as.post(notes, { body }), 201);
    const first = await expectStatus(await as.get(`${notes}?limit=2`), 200);
    const rest = await expectStatus(await as.get(`${notes}?limit=2&cursor=${first.nextCursor}`), 200);
    expect([...first.items, ...rest.items].map((n: { body: string }) => n.body)).toEqual(['n1', 'n2', 'n3']);
    expect(rest.nextCursor).toBeNull();
  });
});

describe('polygons: tenants', () => {
  it("never shows or changes another tenant's polygons and notes (404)", async () => {
    const polygon = await create('member', 'Private');
    const note = await expectStatus(await asA('member').post(`/api/v1/polygons/${polygon.id}/notes`, { body: 'Private note' }), 201);
    const asB = t.as(b.owner, b.tenant.id);
    await expectStatus(await asB.get(`/api/v1/polygons/${polygon.id}`), 404, 'POLYGONS_NOT_FOUND');
    await expectStatus(await asB.patch(`/api/v1/polygons/${polygon.id}`, { name: 'Stolen' }), 404, 'POLYGONS_NOT_FOUND');
    await expectStatus(await asB.delete(`/api/v1/polygons/${polygon.id}`), 404, 'POLYGONS_NOT_FOUND');
    await expectStatus(await asB.get(`/api/v1/polygons/${polygon.id}/notes`), 404, 'POLYGONS_NOT_FOUND');
    await expectStatus(await asB.post(`/api/v1/polygons/${polygon.id}/notes`, { body: 'Hi' }), 404, 'POLYGONS_NOT_FOUND');
    await expectStatus(await asB.delete(`/api/v1/polygons/${polygon.id}/notes/${note.id}`), 404, 'POLYGONS_NOT_FOUND');
    const listed = await expectStatus(await asB.get('/api/v1/polygons'), 200);
    expect(listed.items.map((p: { id: string }) => p.id)).not.toContain(polygon.id);
    // Naming tenant A without being its member: the kernel's 404, before any polygon is looked at.
    await expectStatus(await t.as(b.owner, a.tenant.id).get(`/api/v1/polygons/${polygon.id}`), 404, 'KERNEL_TENANT_NOT_FOUND');
    expect(await expectStatus(await asA('viewer').get(`/api/v1/polygons/${polygon.id}`), 200)).toMatchObject({ name: 'Private' });
  });
});
