import { MAX_PRESIGN_SECONDS, wellFormedString, z } from 'atoll/plugin';
import { ARTIFACT_KINDS, ARTIFACT_STATUSES, type ArtifactRow, type ArtifactVersionRow } from '../db/schema';
import { MAX_UPLOAD_SECONDS } from '../services/create-upload';

const Uuid = z.string().uuid();
const isoDate = z.string().openapi({ format: 'date-time' });

export const Name = wellFormedString().trim().min(1).max(200).openapi({ example: 'churn-model' });
export const Kind = z.enum(ARTIFACT_KINDS).openapi({ example: 'model' });
export const Status = z.enum(ARTIFACT_STATUSES).openapi({ example: 'draft' });
export const Tag = wellFormedString()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^\u0000-\u001f\u007f,]+$/, 'No control characters or commas')
  .openapi({ example: 'baseline' });
/** A form's comma-separated tags field, as the list the API takes. */
export const TagsField = z
  .string()
  .max(2000)
  .optional()
  .transform((t) =>
    (t ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(Tag).max(20));
export const Tags = z.array(Tag).max(20).openapi({ description: 'At most 20 tags of 1-64 characters' });
// `__proto__` would be dropped silently by object handling: refuse it instead of losing data.
export const Metadata = z
  .unknown()
  .superRefine((v, ctx) => {
    if (v !== null && typeof v === 'object' && Object.hasOwn(v, '__proto__')) ctx.addIssue({ code: 'custom', message: 'The key __proto__ is not allowed' });
  })
  .pipe(z.record(z.string(), z.unknown()))
  .openapi({ description: 'Free JSON object, at most 16 KiB serialized' });
export const Sources = z.array(Uuid).max(50).openapi({ description: 'Artifacts (of this tenant) this one derives from' });

export const CreateArtifactBody = z
  .object({
    name: Name,
    kind: Kind,
    status: Status.optional(),
    tags: Tags.optional(),
    metadata: Metadata.optional(),
    sourceArtifactIds: Sources.optional(),
    producedByJobId: Uuid.nullable().optional(),
  })
  .openapi('CreateArtifact');

export const UpdateArtifactBody = z
  .object({ name: Name, kind: Kind, status: Status, tags: Tags, metadata: Metadata, sourceArtifactIds: Sources, producedByJobId: Uuid.nullable() })
  .partial()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Give at least one field to change' })
  .openapi('UpdateArtifact');

export const ProjectArtifactsParams = z.object({ projectId: Uuid.openapi({ description: 'Project id' }) });
export const ArtifactParams = z.object({ id: Uuid.openapi({ description: 'Artifact id' }) });
export const UploadParams = ArtifactParams.extend({ uploadId: Uuid.openapi({ description: 'Upload id' }) });

export const ListArtifactsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ description: 'Page size (1-100)' }),
  cursor: z.string().max(500).optional().openapi({ description: 'nextCursor of the previous page' }),
  kind: Kind.optional(),
  status: Status.optional(),
  tag: Tag.optional(),
});

export const CreateUploadBody = z
  .object({
    size: z.number().int().min(0).openapi({ description: 'Exact byte length of the content (at most ARTIFACTS_MAX_CONTENT_BYTES)' }),
    contentType: z
      .string()
      .max(200)
      .regex(/^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=[\w.+-]+)*$/, 'A MIME type such as text/csv')
      .optional(),
    checksum: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'SHA-256 as 64 hex digits')
      .optional(),
    expiresIn: z.number().int().min(60).max(MAX_UPLOAD_SECONDS).optional().openapi({ description: 'URL lifetime in seconds (60-3600, default 900)' }),
  })
  .openapi('CreateArtifactUpload');

// Versions are Postgres integers: a larger number can name no version, and Postgres refuses it.
const MAX_VERSION = 2_147_483_647;

export const VersionQuery = z.object({ version: z.coerce.number().int().min(1).max(MAX_VERSION).optional().openapi({ description: 'Version number (default: the latest)' }) });
export const DownloadUrlBody = z
  .object({
    version: z.number().int().min(1).max(MAX_VERSION).optional(),
    expiresIn: z.number().int().min(1).max(MAX_PRESIGN_SECONDS).optional().openapi({ description: 'Seconds (default 900, at most 7 days)' }),
  })
  .openapi('ArtifactDownloadUrlRequest');

export const VersionSchema = z
  .object({ version: z.number().int(), size: z.number().int(), checksum: z.string(), contentType: z.string(), createdBy: z.string().nullable(), createdAt: isoDate })
  .openapi('ArtifactVersion');

export const ArtifactSchema = z
  .object({
    id: Uuid,
    projectId: Uuid,
    name: z.string(),
    kind: Kind,
    status: Status,
    tags: z.array(z.string()),
    metadata: z.record(z.string(), z.unknown()),
    sourceArtifactIds: z.array(Uuid),
    producedByJobId: Uuid.nullable(),
    latestVersion: z.number().int().openapi({ description: '0 while there is no content' }),
    createdBy: z.string().nullable(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .openapi('Artifact');

export const ArtifactDetailSchema = ArtifactSchema.extend({ versions: z.array(VersionSchema) }).openapi('ArtifactDetail');
export const ArtifactPageSchema = z.object({ items: z.array(ArtifactSchema), nextCursor: z.string().nullable() }).openapi('ArtifactPage');
export const UploadSchema = z.object({ uploadId: Uuid, method: z.literal('PUT'), url: z.string().url(), headers: z.record(z.string(), z.string()), expiresAt: isoDate }).openapi('ArtifactUpload');
export const DownloadUrlSchema = z.object({ url: z.string().url(), version: z.number().int(), expiresAt: isoDate }).openapi('ArtifactDownloadUrl');

export const presentArtifact = (a: ArtifactRow) => ({
  id: a.id,
  projectId: a.projectId,
  name: a.name,
  kind: a.kind,
  status: a.status,
  tags: a.tags,
  metadata: a.metadata,
  sourceArtifactIds: a.sourceArtifactIds,
  producedByJobId: a.producedByJobId,
  latestVersion: a.latestVersion,
  createdBy: a.createdBy,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

export const presentVersion = (v: ArtifactVersionRow) => ({
  version: v.version,
  size: v.size,
  checksum: v.checksum,
  contentType: v.contentType,
  createdBy: v.createdBy,
  createdAt: v.createdAt.toISOString(),
});

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
