import { type JobResourceContext, type JobTypeDefinition, runInTenant, z } from 'atoll/plugin';
import { exportDatasetCsv } from './services/reads/export-dataset';
import { readableDataset } from './services/reads/readable-dataset';

/** ECS task definition family of the runner image (runner/Dockerfile) that runs these types. */
export const RUNNER_TASK_DEFINITION = 'atoll-runner';
/** The jobs read a dataset, so an API key creating one needs what reading it needs. */
const READS = ['datasets:read'] as const;

const DatasetInput = z.object({ datasetId: z.uuid() });
const ExportInput = DatasetInput.extend({ format: z.enum(['csv', 'parquet']) });

const ResultFile = z.object({
  name: z.string().min(1).max(200),
  size: z.number().int().nonnegative(),
  contentType: z.string().min(1).max(200),
});
const ExportResult = z.object({ files: z.array(ResultFile).min(1).max(10), rowCount: z.number().int().nonnegative() });

/** A cell value in a profile: numbers, booleans, ISO timestamps and text as they read in SQL; integers past 2^53 as text. */
const ProfileValue = z.union([z.number(), z.string(), z.boolean()]).nullable();
const ColumnProfile = z.object({
  name: z.string(),
  type: z.enum(['integer', 'number', 'boolean', 'timestamp', 'text']),
  /** Non-null cells. */
  count: z.number().int().nonnegative(),
  nulls: z.number().int().nonnegative(),
  /** Distinct non-null values: exact unless `distinctApproximate` (the runner stops tracking past its cap). */
  distinct: z.number().int().nonnegative(),
  distinctApproximate: z.boolean(),
  min: ProfileValue,
  max: ProfileValue,
  /** Numeric columns only (integer, number); null otherwise or when every cell is null. */
  mean: z.number().nullable(),
  stddev: z.number().nullable(),
  /** Boolean and text columns: the most frequent values, most frequent first. */
  topValues: z
    .array(z.object({ value: z.union([z.string(), z.boolean()]), count: z.number().int().positive() }))
    .max(100)
    .nullable(),
});
const ProfileResult = z.object({
  rowCount: z.number().int().nonnegative(),
  columns: z.array(ColumnProfile).max(10_000),
  files: z.array(ResultFile).max(10),
});

export type DatasetExportInput = z.infer<typeof ExportInput>;
export type DatasetExportResult = z.infer<typeof ExportResult>;
export type DatasetProfileResult = z.infer<typeof ProfileResult>;

const datasetIdOf = (ctx: JobResourceContext) => DatasetInput.parse(ctx.input).datasetId;

/**
 * `rows.csv`: the dataset's rows as the export download gives them (RFC 4180, header first,
 * formula-safe text cells), streamed from one cursor in the job's tenant. `values.csv`: the same
 * with text cells exactly as stored (no leading `'`), for runners that compute on the values.
 * A dataset that is not ready is a 409 (DATASETS_NOT_READY), a missing one 404, before any byte.
 */
const rowsCsv = (formulaSafe: boolean) => async (ctx: JobResourceContext) => {
  const { body } = await exportDatasetCsv({ db: ctx.db, tenantId: ctx.tenantId, datasetId: datasetIdOf(ctx), logger: ctx.logger, formulaSafe });
  return new Response(body, { headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store' } });
};

/** `schema.json`: {name, kind, rowCount, columns: [{name, type}]} of a ready dataset (types as in SQL). */
async function schemaJson(ctx: JobResourceContext): Promise<Response> {
  const schema = await runInTenant(ctx.db, ctx.tenantId, async (tx) => {
    const { dataset, source } = await readableDataset(tx, datasetIdOf(ctx));
    return { name: dataset.name, kind: dataset.kind, rowCount: dataset.rowCount, columns: source.columns.map((c) => ({ name: c.name, type: c.type })) };
  });
  return Response.json(schema, { headers: { 'cache-control': 'no-store' } });
}

const resources = { 'rows.csv': rowsCsv(true), 'values.csv': rowsCsv(false), 'schema.json': schemaJson };

/**
 * The datasets plugin's job types, run by the runner (runner/handlers): `datasets.export` writes a
 * ready dataset to CSV or Parquet in the job's S3 results; `datasets.profile` computes full column
 * statistics over every row and also stores them as `profile.json`.
 *
 * @example
 * // POST /api/v1/jobs {"type":"datasets.export","input":{"datasetId":"…","format":"parquet"}}
 */
export const datasetJobs: Record<string, JobTypeDefinition> = {
  'datasets.export': { input: ExportInput, result: ExportResult, leaseSeconds: 120, maxAttempts: 3, taskDefinition: RUNNER_TASK_DEFINITION, scopes: READS, resources },
  'datasets.profile': { input: DatasetInput, result: ProfileResult, leaseSeconds: 120, maxAttempts: 3, taskDefinition: RUNNER_TASK_DEFINITION, scopes: READS, resources },
};
