import { wellFormedString, z } from 'atoll/plugin';
import type { DatasetRow } from '../db/schema';
import type { UploadTarget } from '../services/presign-upload';

const KINDS = ['metric', 'table'] as const;
const KIND_CHOICES = [...KINDS, 'auto'] as const;
const COLUMN_TYPES = ['integer', 'number', 'boolean', 'timestamp', 'text'] as const;
const FORMATS = ['csv', 'json'] as const;
const STATUSES = ['created', 'queued', 'ingesting', 'ready', 'error'] as const;

export const DatasetName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, 'A letter, then letters, digits or _ (at most 63): SQL refers to the dataset by this name')
  .openapi({ example: 'cpu_load' });
const Description = wellFormedString().trim().max(2000).openapi({ example: 'CPU load per host, one point a minute' });
const Size = z.number().int().min(0).openapi({ description: 'Exact size in bytes of the file to upload', example: 1048576 });
const KindChoice = z
  .enum(KIND_CHOICES)
  .openapi({ description: 'metric, table, or auto: decided from the CSV header at each ingestion (metric only for metric,value,timestamp headers; JSON is metric)' });
const ColumnTypes = z
  .record(z.string().max(63), z.enum(COLUMN_TYPES))
  .openapi({ description: 'Table datasets: a type per column name (ignoring case), applied by the next ingestion; cells that are not of it reject their row', example: { amount: 'integer' } });
const ContentType = z
  .string()
  .regex(/^[\w.+-]{1,100}\/[\w.+-]{1,100}$/)
  .openapi({ example: 'text/csv' });

export const CreateDatasetBody = z
  .object({ name: DatasetName, kind: KindChoice, format: z.enum(FORMATS), description: Description.optional(), size: Size.optional(), contentType: ContentType.optional() })
  .openapi('CreateDataset');
export const UpdateDatasetBody = z
  .object({ name: DatasetName.optional(), description: Description.nullable().optional(), kind: KindChoice.optional(), columnTypes: ColumnTypes.optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Give at least one of name, description, kind, columnTypes' })
  .openapi('UpdateDataset', { description: 'A new kind drops the rows and ingests the file again; column types apply from the next ingestion' });
export const UploadUrlBody = z.object({ size: Size, contentType: ContentType.optional() }).openapi('DatasetUploadUrlRequest');
export const DatasetParams = z.object({ id: z.string().uuid().openapi({ description: 'Dataset id' }) });
export const UploadQuery = z.object({ ingest: z.enum(['true', 'false']).optional().openapi({ description: 'Queue ingestion right after the upload' }) });
export const ListDatasetsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ description: 'Page size (1-100)' }),
  cursor: z.string().max(200).optional().openapi({ description: 'nextCursor of the previous page' }),
  status: z.enum(STATUSES).optional(),
  kind: z.enum(KINDS).optional(),
});

const isoDate = z.string().openapi({ format: 'date-time' });

export const DatasetSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    description: z.string().nullable(),
    kind: z.enum(KINDS),
    kindFromHeader: z.boolean().openapi({ description: 'Each ingestion decides the kind from the CSV header' }),
    format: z.enum(FORMATS),
    status: z.enum(STATUSES),
    sizeBytes: z.number().nullable(),
    columns: z.array(z.object({ name: z.string(), type: z.enum(COLUMN_TYPES) })).nullable(),
    columnTypes: z.record(z.string(), z.enum(COLUMN_TYPES)).openapi({ description: 'Types chosen per column (table datasets)' }),
    columnWarnings: z
      .array(
        z.object({ column: z.string(), likelyType: z.enum(['integer', 'number', 'boolean', 'timestamp']), badCells: z.number(), samples: z.array(z.object({ line: z.number(), value: z.string() })) }),
      )
      .openapi({ description: 'Columns read as text because a few cells are not of the type the others have: the cells that are not, with their lines (at most 5)' }),
    rowCount: z.number(),
    skippedCount: z.number(),
    rowErrors: z.array(z.object({ line: z.number(), message: z.string() })).openapi({ description: 'The first 100 rejected rows (line: where the record starts; JSON: element number)' }),
    error: z.string().nullable(),
    runId: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: isoDate,
    updatedAt: isoDate,
    ingestedAt: isoDate.nullable(),
  })
  .openapi('Dataset');

export const UploadSchema = z
  .object({ url: z.string(), method: z.literal('PUT'), headers: z.record(z.string(), z.string()), expiresAt: isoDate })
  .openapi('DatasetUpload', { description: 'PUT the file to url with exactly these headers before expiresAt' });
export const CreatedDatasetSchema = z.object({ dataset: DatasetSchema, upload: UploadSchema.nullable() }).openapi('CreatedDataset');
export const DatasetPageSchema = z.object({ items: z.array(DatasetSchema), nextCursor: z.string().nullable() }).openapi('DatasetPage');

export const presentDataset = (d: DatasetRow) => ({
  id: d.id,
  name: d.name,
  description: d.description,
  kind: d.kind,
  kindFromHeader: d.kindFromHeader,
  format: d.format,
  status: d.status,
  sizeBytes: d.sizeBytes,
  columns: d.columns,
  columnTypes: d.columnTypes,
  columnWarnings: d.columnWarnings,
  rowCount: d.rowCount,
  skippedCount: d.skippedCount,
  rowErrors: d.rowErrors,
  error: d.error,
  runId: d.runId,
  createdBy: d.createdBy,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
  ingestedAt: d.ingestedAt ? d.ingestedAt.toISOString() : null,
});

export const presentUpload = (u: UploadTarget) => ({ url: u.url, method: u.method, headers: u.headers, expiresAt: u.expiresAt.toISOString() });

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
