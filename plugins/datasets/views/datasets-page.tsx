import { getDb, getTenant, roleAtLeast, runInTenant, z, type AppContext } from 'atoll/plugin';
import type { DatasetsDeps } from '../deps';
import { findDataset } from '../services/find-dataset';
import { listDatasets } from '../services/list-datasets';
import { DatasetRowView } from './dataset-row';

const PAGE_SIZE = 100;
const ListQuery = z.object({ cursor: z.string().max(200).optional().catch(undefined) });
const RowParams = z.object({ id: z.string().uuid() });

/** The upload form: create the dataset, send the file through the API with a progress bar, queue ingestion (datasets.js). */
function UploadForm({ maxBytes }: { maxBytes: number }) {
  return (
    <form class="stack" id="dataset-upload" data-max-bytes={String(maxBytes)}>
      <h2>Upload a dataset</h2>
      <label for="dataset-name">Name <small class="muted">a letter, then letters, digits or _; SQL refers to it</small>
        <input id="dataset-name" name="name" required maxlength={63} pattern="[A-Za-z][A-Za-z0-9_]{0,62}" />
      </label>
      <label for="dataset-kind">Kind
        <select id="dataset-kind" name="kind">
          <option value="metric">metric (metric,value,timestamp)</option>
          <option value="table">table (any CSV with a header)</option>
        </select>
      </label>
      <label for="dataset-format">Format
        <select id="dataset-format" name="format">
          <option value="csv">CSV</option>
          <option value="json">JSON array (metric only)</option>
        </select>
      </label>
      <label for="dataset-description">Description <small class="muted">optional</small><input id="dataset-description" name="description" maxlength={2000} /></label>
      <label for="dataset-file">File <small class="muted">at most {Math.floor(maxBytes / 1024 / 1024)} MiB here; larger files through the API's presigned upload</small>
        <input id="dataset-file" name="file" type="file" accept=".csv,.json,text/csv,application/json" required />
      </label>
      <button type="submit">Upload and ingest</button>
      <label for="dataset-upload-progress">Upload<progress id="dataset-upload-progress" max="100" value="0"></progress></label>
      <p id="dataset-upload-status" role="status" aria-live="polite"></p>
    </form>
  );
}

/** `/app/datasets`: the tenant's datasets, statuses kept live by realtime events; members get the upload form. */
export async function DatasetsPage(c: AppContext, deps: DatasetsDeps) {
  const tenant = getTenant(c);
  const { cursor } = ListQuery.parse(c.req.query());
  const page = await listDatasets({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id, limit: PAGE_SIZE, cursor } });
  return (
    <>
      {roleAtLeast(tenant.role, 'member') ? <UploadForm maxBytes={deps.config.maxDirectUploadBytes} /> : null}
      <table id="datasets" data-realtime-topics="datasets">
        <caption>Datasets <small class="muted">statuses update live</small></caption>
        <thead>
          <tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col">Rows</th><th scope="col">Skipped</th><th scope="col">Size</th><th scope="col">Updated</th></tr>
        </thead>
        <tbody id="dataset-rows">
          {page.items.map((dataset) => <DatasetRowView dataset={dataset} />)}
        </tbody>
      </table>
      {page.items.length === 0 ? <p class="muted" id="no-datasets">No datasets yet.</p> : null}
      {page.nextCursor ? <p><a href={`/app/datasets?cursor=${page.nextCursor}`} id="next-page">Next page</a></p> : null}
      <script src="/static/datasets.js" defer></script>
    </>
  );
}

/** `/app/datasets/<id>/row`: one row of the list, for datasets.js to swap in. */
export async function DatasetRowPartial(c: AppContext) {
  const { id } = RowParams.parse(c.req.param());
  const dataset = await runInTenant(getDb(c), getTenant(c).id, (tx) => findDataset(tx, id));
  return <DatasetRowView dataset={dataset} />;
}
