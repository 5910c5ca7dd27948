import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ColumnProfile, ColumnProfiler } from '../lib/column-profile';
import { csvRecords } from '../lib/csv-records';
import { dataRows, datasetSchema } from '../lib/dataset-schema';
import type { HandlerContext, ResultFile } from './types';

/** Cancellation is checked every this many rows (a check per row would cost more than the work). */
const CHECK_EVERY = 1000;

/**
 * `datasets.profile`: reads every row of the dataset once (`values.csv`, streamed) and computes
 * each column's statistics (lib/column-profile.ts); stores them as `profile.json` in the job's
 * results and returns them as the job result.
 */
export async function profileDataset(ctx: HandlerContext): Promise<{ rowCount: number; columns: ColumnProfile[]; files: ResultFile[] }> {
  const schema = await datasetSchema(ctx);
  const profilers = schema.columns.map((c) => new ColumnProfiler(c.name, c.type));
  let rowCount = 0;
  const body = (await ctx.resource('values.csv')).body!;
  for await (const cells of dataRows(csvRecords(body), schema)) {
    for (let i = 0; i < profilers.length; i++) profilers[i]!.add(cells[i] ?? null);
    if (++rowCount % CHECK_EVERY === 0) ctx.signal.throwIfAborted();
  }
  const profile = { dataset: schema.name, rowCount, columns: profilers.map((p) => p.result()) };
  const path = join(ctx.tempDir, 'profile.json');
  await writeFile(path, JSON.stringify(profile, null, 2));
  const file = await ctx.upload('profile.json', path, 'application/json');
  return { rowCount, columns: profile.columns, files: [file] };
}
