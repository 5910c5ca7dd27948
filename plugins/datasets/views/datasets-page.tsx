import { type AppContext, getDb, getTenant, roleAtLeast, runInTenant, z } from 'atoll/plugin';
import type { DatasetsDeps } from '../deps';
import { findDataset } from '../services/find-dataset';
import { listDatasets } from '../services/list-datasets';
import { DatasetRowView } from './dataset-row';
import { UploadForm } from './upload-form';

const PAGE_SIZE = 100;
const ListQuery = z.object({ cursor: z.string().max(200).optional().catch(undefined) });
const RowParams = z.object({ id: z.string().uuid() });

/** `/app/datasets`: the tenant's datasets, statuses kept live by realtime events; members get the upload form. */
export async function DatasetsPage(c: AppContext, deps: DatasetsDeps) {
  const tenant = getTenant(c);
  const { cursor } = ListQuery.parse(c.req.query());
  const page = await listDatasets({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id, limit: PAGE_SIZE, cursor } });
  return (
    <>
      {roleAtLeast(tenant.role, 'member') ? <UploadForm maxBytes={deps.config.maxDirectUploadBytes} /> : null}
      <div class="table-scroll" tabindex={0}>
        <table id="datasets" data-realtime-topics="datasets">
          <caption>
            Datasets <small class="muted">statuses update live</small>
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Rows</th>
              <th scope="col">Skipped</th>
              <th scope="col">Size</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody id="dataset-rows">
            {page.items.map((dataset) => (
              <DatasetRowView dataset={dataset} />
            ))}
          </tbody>
        </table>
      </div>
      {page.items.length === 0 ? (
        <p class="muted" id="no-datasets">
          {roleAtLeast(tenant.role, 'member') ? 'No datasets yet. Upload a CSV or JSON Lines file above to start.' : 'No datasets yet. A member of this tenant can upload one.'}
        </p>
      ) : null}
      {page.nextCursor ? (
        <p>
          <a href={`/app/datasets?cursor=${page.nextCursor}`} id="next-page">
            Next page
          </a>
        </p>
      ) : null}
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
