import { storableString, z } from 'atoll/plugin';
import type { NoteRow, PolygonRow } from '../db/schema';
import { LIMITS } from '../geometry/polygon-geometry';

export const PolygonName = storableString().trim().min(1).max(LIMITS.nameLength).openapi({ example: 'North reef survey area' });
const NoteBody = storableString().trim().min(1).max(LIMITS.noteLength).openapi({ example: 'Bleaching seen on the eastern edge' });

const Position = z
  .array(z.number())
  .min(2)
  .max(3)
  .openapi({ description: 'GeoJSON position: [longitude, latitude] in degrees (WGS84), optionally an altitude', example: [145.77, -16.92] });

/**
 * The JSON shape of a GeoJSON Polygon. The geometric rules (closed rings of at least 4 positions,
 * coordinate ranges, no self-intersection) are checked by the services, which name the ring or
 * position at fault (400 `POLYGONS_INVALID_GEOMETRY`).
 */
export const PolygonGeometrySchema = z
  .object({
    type: z.literal('Polygon'),
    coordinates: z
      .array(z.array(Position).max(LIMITS.positions))
      .min(1)
      .max(LIMITS.rings)
      .refine((rings) => rings.reduce((sum, ring) => sum + ring.length, 0) <= LIMITS.positions, `At most ${LIMITS.positions} positions over all rings`)
      .openapi({ description: `The outer ring, then up to ${LIMITS.rings - 1} holes; at most ${LIMITS.positions} positions in all` }),
  })
  .openapi('PolygonGeometry', {
    example: {
      type: 'Polygon',
      coordinates: [
        [
          [145.7, -16.9],
          [145.8, -16.9],
          [145.8, -16.8],
          [145.7, -16.9],
        ],
      ],
    },
  });

export const CreatePolygonBody = z.object({ name: PolygonName, geometry: PolygonGeometrySchema }).openapi('CreatePolygon');
export const UpdatePolygonBody = z
  .object({ name: PolygonName.optional(), geometry: PolygonGeometrySchema.optional() })
  .refine((b) => b.name !== undefined || b.geometry !== undefined, { message: 'Give name and/or geometry' })
  .openapi('UpdatePolygon');
export const NoteBodySchema = z.object({ body: NoteBody }).openapi('PolygonNoteBody');

export const PolygonParams = z.object({ polygonId: z.uuid().openapi({ description: 'Polygon id' }) });
export const NoteParams = PolygonParams.extend({ noteId: z.uuid().openapi({ description: 'Note id' }) });

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ description: 'Page size (1-100)' }),
  cursor: z.string().max(1000).optional().openapi({ description: 'nextCursor of the previous page' }),
});

const isoDate = z.string().openapi({ format: 'date-time' });
const summaryFields = {
  id: z.uuid(),
  name: z.string(),
  positionCount: z.number().int(),
  areaSquareMeters: z.number().openapi({ description: 'Geodesic area (@turf/area), holes subtracted' }),
  createdBy: z.string().openapi({ description: 'User id or API key id of the creator' }),
  createdAt: isoDate,
  updatedAt: isoDate,
};
export const PolygonSummarySchema = z.object(summaryFields).openapi('PolygonSummary');
export const PolygonSchema = z.object({ ...summaryFields, geometry: PolygonGeometrySchema }).openapi('Polygon');
export const PolygonPageSchema = z.object({ items: z.array(PolygonSummarySchema), nextCursor: z.string().nullable() }).openapi('PolygonPage');
export const NoteSchema = z.object({ id: z.uuid(), polygonId: z.uuid(), body: z.string(), createdBy: z.string(), createdAt: isoDate, updatedAt: isoDate }).openapi('PolygonNote');
export const NotePageSchema = z.object({ items: z.array(NoteSchema), nextCursor: z.string().nullable() }).openapi('PolygonNotePage');

type Summary = Omit<PolygonRow, 'geometry' | 'tenantId'> & Partial<Pick<PolygonRow, 'geometry' | 'tenantId'>>;

export const presentSummary = (p: Summary) => ({
  id: p.id,
  name: p.name,
  positionCount: p.positionCount,
  areaSquareMeters: p.areaSquareMeters,
  createdBy: p.createdBy,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});
export const presentPolygon = (p: PolygonRow) => ({ ...presentSummary(p), geometry: p.geometry });
export const presentNote = (n: NoteRow) => ({
  id: n.id,
  polygonId: n.polygonId,
  body: n.body,
  createdBy: n.createdBy,
  createdAt: n.createdAt.toISOString(),
  updatedAt: n.updatedAt.toISOString(),
});

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
