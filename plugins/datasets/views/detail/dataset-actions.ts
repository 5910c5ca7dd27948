import { type AppContext, parseForm, redirectTo, validateForm, z } from 'atoll/plugin';
import type { ColumnType } from '../../db/schema';
import type { DatasetsDeps } from '../../deps';
import { DatasetName } from '../../routes/schemas';
import { serviceCtx } from '../../services/context';
import { deleteDataset } from '../../services/delete-dataset';
import { startIngest } from '../../services/start-ingest';
import { updateDataset } from '../../services/update-dataset';
import { uploadSource } from '../../services/upload-source';
import { datasetIdOf } from './dataset-detail';

const SettingsForm = z.object({ name: DatasetName, description: z.string().trim().max(2000).optional(), kind: z.enum(['auto', 'metric', 'table']) });
const ColumnTypesForm = z.record(z.string().max(70), z.enum(['', 'integer', 'number', 'boolean', 'timestamp', 'text']));
const Empty = z.object({});

const back = (c: AppContext) => redirectTo(c, `/app/datasets/${datasetIdOf(c)}`);

/** POST `/app/datasets/:id`: name, description and kind (a new kind ingests the file again). */
export async function updateDatasetFromForm(c: AppContext, deps: DatasetsDeps) {
  const form = await parseForm(c, SettingsForm);
  await updateDataset({ ctx: serviceCtx(c, deps), input: { datasetId: datasetIdOf(c), name: form.name, description: form.description || null, kind: form.kind } });
  return back(c);
}

/** POST `/app/datasets/:id/columns`: the chosen type of each column (`type:<name>`, empty: inferred), then ingests again. */
export async function setColumnTypesFromForm(c: AppContext, deps: DatasetsDeps) {
  const fields = Object.entries(await c.req.parseBody()).filter(([field]) => field.startsWith('type:'));
  const form = validateForm(ColumnTypesForm, Object.fromEntries(fields));
  const columnTypes: Record<string, ColumnType> = {};
  for (const [field, type] of Object.entries(form)) if (type) columnTypes[field.slice('type:'.length)] = type;
  const ctx = serviceCtx(c, deps);
  const dataset = await updateDataset({ ctx, input: { datasetId: datasetIdOf(c), columnTypes } });
  await startIngest({ ctx, input: { datasetId: dataset.id } });
  return back(c);
}

/** POST `/app/datasets/:id/upload`: a new file (multipart, part `file`), ingested right away. */
export async function reuploadFromForm(c: AppContext, deps: DatasetsDeps) {
  const input = { datasetId: datasetIdOf(c), body: c.req.raw.body, contentType: c.req.header('content-type'), ingest: true };
  await uploadSource({ ctx: serviceCtx(c, deps), input }).catch((error: unknown) => {
    throw c.get('bodyLimitExceeded') ?? error;
  });
  return back(c);
}

/** POST `/app/datasets/:id/ingest`: ingests the current file again. */
export async function reingestFromForm(c: AppContext, deps: DatasetsDeps) {
  await parseForm(c, Empty);
  await startIngest({ ctx: serviceCtx(c, deps), input: { datasetId: datasetIdOf(c) } });
  return back(c);
}

/** POST `/app/datasets/:id/delete` (admin): the dataset, its rows and its file; the name is free again. */
export async function deleteDatasetFromForm(c: AppContext, deps: DatasetsDeps) {
  await parseForm(c, Empty);
  await deleteDataset({ ctx: serviceCtx(c, deps), input: { datasetId: datasetIdOf(c) } });
  return redirectTo(c, '/app/datasets', { notice: 'dataset-deleted' });
}
