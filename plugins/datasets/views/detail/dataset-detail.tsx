import { type AppContext, getDb, getTenant, notFound, roleAtLeast, runInTenant, z } from 'atoll/plugin';
import type { DatasetRow } from '../../db/schema';
import { findDataset } from '../../services/find-dataset';
import { previewDataset } from '../../services/reads/read-dataset';
import { summarizeDataset } from '../../services/reads/summarize-dataset';
import { ColumnTypesForm, ColumnWarnings } from './column-types';
import { DataTable } from './data-table';
import { ManageDataset } from './dataset-manage';

const UUID = z.string().uuid();
const BUSY = new Set(['created', 'queued', 'ingesting']);

/** The dataset id of a page path; anything but a UUID is simply not found. */
export function datasetIdOf(c: AppContext): string {
  const id = UUID.safeParse(c.req.param('id'));
  if (!id.success) throw notFound('DATASETS_NOT_FOUND', 'No such dataset in this tenant');
  return id.data;
}

/**
 * The status line. While the dataset is being ingested, datasets.js moves its progress bar on the
 * dataset's `dataset.progress` events and fires `dataset-changed` on its other events (and when the
 * socket opens, for events sent before), which refetches the line (an event during a fetch queues
 * one more, so the last word is never lost); once the status is final the partial asks htmx to
 * reload the page (HX-Refresh) so schema, preview and warnings appear.
 */
export function StatusLine({ dataset }: { dataset: DatasetRow }) {
  const live = BUSY.has(dataset.status);
  return (
    <p
      id="dataset-status"
      data-status={dataset.status}
      data-dataset-id={dataset.id}
      {...(live ? { 'data-realtime-topics': 'datasets', 'hx-get': `/app/datasets/${dataset.id}/status`, 'hx-trigger': 'dataset-changed', 'hx-sync': 'this:queue last', 'hx-swap': 'outerHTML' } : {})}
    >
      Status: <strong>{dataset.status}</strong>
      {live ? (
        <>
          <small class="muted"> (updates live)</small> {/* Hidden until a run starts (datasets.js shows it on the first progress event too). */}
          <progress id="dataset-progress" max="100" value="0" aria-label={`Ingestion of ${dataset.name}`} hidden={dataset.status === 'created'}></progress>
          <small class="muted" id="dataset-progress-text" aria-live="polite"></small>
        </>
      ) : null}
      {dataset.status === 'error' && dataset.error ? <span id="dataset-error"> — {dataset.error}</span> : null}
    </p>
  );
}

/** `/app/datasets/:id/status`: the status line, or a reload once ingestion has finished. */
export async function DatasetStatusPartial(c: AppContext) {
  const dataset = await runInTenant(getDb(c), getTenant(c).id, (tx) => findDataset(tx, datasetIdOf(c)));
  if (!BUSY.has(dataset.status)) c.header('hx-refresh', 'true');
  return <StatusLine dataset={dataset} />;
}

/**
 * `/app/datasets/:id`: status, counts, schema, preview, summary, column warnings and the rejected
 * rows; members also get the column types form and the manage forms (admins: delete too).
 */
export async function DatasetDetailPage(c: AppContext, options: { jobs: boolean; maxUploadBytes: number }) {
  const tenant = getTenant(c);
  const tenantId = tenant.id;
  const db = getDb(c);
  const datasetId = datasetIdOf(c);
  const dataset = await runInTenant(db, tenantId, (tx) => findDataset(tx, datasetId));
  const ready = dataset.status === 'ready';
  const preview = ready ? await previewDataset({ db, tenantId, datasetId }) : null;
  const example = `select * from ${dataset.name} limit 100`;
  return (
    <>
      <p class="breadcrumbs">
        <a href="/app/datasets">← Datasets</a>
      </p>
      <h2 id="dataset-title">{dataset.name}</h2>
      {dataset.description ? <p class="lead">{dataset.description}</p> : null}
      <StatusLine dataset={dataset} />
      <p id="dataset-counts">
        {dataset.kind} dataset ({dataset.format}
        {dataset.kindFromHeader ? ', kind guessed from the header' : ''}) · {dataset.rowCount.toLocaleString('en')} rows · {dataset.skippedCount.toLocaleString('en')} skipped
      </p>
      {ready ? (
        <p>
          <a class="button" id="dataset-export" href={`/api/v1/datasets/${dataset.id}/export?format=csv`}>
            Download CSV
          </a>{' '}
          <a id="dataset-query" href={`/app/datasets/sql?sql=${encodeURIComponent(example)}`}>
            Query with SQL
          </a>
          {options.jobs ? (
            <>
              {' '}
              <a id="dataset-jobs" href={`/app/jobs/new?datasetId=${dataset.id}`}>
                Export or profile as a job…
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      {preview ? (
        <>
          <h3>Schema and summary</h3>
          {/* A full scan of every column: loaded after the page so a large dataset never holds it up. */}
          <div id="dataset-summary-slot" hx-get={`/app/datasets/${dataset.id}/summary`} hx-trigger="load" hx-swap="outerHTML">
            <p class="muted">Computing the summary…</p>
          </div>
          <h3>Preview</h3>
          <DataTable id="dataset-preview" caption={`The first ${preview.rows.length} rows`} columns={preview.columns} rows={preview.rows} />
        </>
      ) : null}
      <ColumnWarnings dataset={dataset} />
      <RowErrors dataset={dataset} />
      {roleAtLeast(tenant.role, 'member') ? (
        <>
          {ready ? <ColumnTypesForm dataset={dataset} /> : null}
          <ManageDataset dataset={dataset} canDelete={roleAtLeast(tenant.role, 'admin')} maxBytes={options.maxUploadBytes} />
        </>
      ) : null}
      <script src="/static/datasets.js" defer></script>
    </>
  );
}

/** `/app/datasets/:id/summary`: the per-column summary table (an HTMX partial of the detail page). */
export async function DatasetSummaryPartial(c: AppContext) {
  const summary = await summarizeDataset({ db: getDb(c), tenantId: getTenant(c).id, datasetId: datasetIdOf(c), logger: c.get('logger') });
  return (
    <DataTable
      id="dataset-summary"
      caption="Per column: non-null count, nulls, distinct values, min, max, mean (numbers)"
      columns={['column', 'type', 'count', 'nulls', 'distinct', 'min', 'max', 'mean'].map((name) => ({ name }))}
      rows={summary.columns.map((s) => [s.name, s.type, s.count, s.nulls, s.distinct, s.min, s.max, s.mean])}
    />
  );
}

function RowErrors({ dataset }: { dataset: DatasetRow }) {
  if (dataset.rowErrors.length === 0) return null;
  return (
    <section id="dataset-row-errors">
      <h3>Rejected rows</h3>
      <p class="muted">
        {dataset.skippedCount.toLocaleString('en')} rows were skipped{dataset.skippedCount > dataset.rowErrors.length ? `; the first ${dataset.rowErrors.length} are listed` : ''}.
      </p>
      <div class="table-scroll" tabindex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {dataset.rowErrors.map((e) => (
              <tr>
                <td>{e.line}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
