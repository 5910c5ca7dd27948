import type { DatasetRow } from '../../db/schema';

const KIND_OPTIONS = [
  ['auto', 'guess from the header (metric only for metric,value,timestamp)'],
  ['metric', 'metric (metric,value,timestamp)'],
  ['table', 'table (any CSV with a header)'],
] as const;

/** The kind choice a dataset stands at: `auto` when each ingestion guesses it. */
export const kindChoiceOf = (dataset: DatasetRow) => (dataset.kindFromHeader ? 'auto' : dataset.kind);

/**
 * What a member can do with a dataset: rename it, describe it, change its kind (the file is then
 * ingested again), upload a new file or ingest the current one again; an admin can delete it. A
 * failed dataset shows these first, so its name is never stuck.
 */
export function ManageDataset({ dataset, canDelete, maxBytes }: { dataset: DatasetRow; canDelete: boolean; maxBytes: number }) {
  const base = `/app/datasets/${dataset.id}`;
  const busy = dataset.status === 'queued' || dataset.status === 'ingesting';
  return (
    <section id="dataset-manage" aria-labelledby="dataset-manage-title">
      <h3 id="dataset-manage-title">Manage</h3>
      <div>
        <form class="stack" method="post" action={base} id="dataset-settings">
          <label for="settings-name">
            Name <small class="muted">SQL refers to the dataset by it</small>
            <input id="settings-name" name="name" required maxlength={63} pattern="[A-Za-z][A-Za-z0-9_]{0,62}" value={dataset.name} />
          </label>
          <label for="settings-description">
            Description <small class="muted">optional</small>
            <input id="settings-description" name="description" maxlength={2000} value={dataset.description ?? ''} />
          </label>
          <label for="settings-kind">
            Kind <small class="muted">a new kind ingests the file again</small>
            <select id="settings-kind" name="kind">
              {KIND_OPTIONS.filter(([value]) => dataset.format === 'csv' || value !== 'table').map(([value, label]) => (
                <option value={value} selected={kindChoiceOf(dataset) === value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <p class="buttons">
            <button type="submit">Save</button>
          </p>
        </form>
        <div>
          <form class="stack" method="post" action={`${base}/upload`} enctype="multipart/form-data" id="dataset-reupload" hx-disabled-elt="find button[type=submit]">
            <label for="reupload-file">
              New file <small class="muted">replaces the current one and is ingested (at most {Math.floor(maxBytes / 1024 / 1024)} MiB)</small>
              <input id="reupload-file" name="file" type="file" accept=".csv,.json,text/csv,application/json" required />
            </label>
            <p class="buttons">
              <button type="submit" disabled={busy}>
                Upload and ingest
              </button>
            </p>
          </form>
          <form method="post" action={`${base}/ingest`} id="dataset-reingest" class="inline">
            <button type="submit" disabled={busy}>
              Ingest the current file again
            </button>
          </form>
          {canDelete ? (
            <form method="post" action={`${base}/delete`} id="dataset-delete" class="inline" hx-confirm={`Delete the dataset ${dataset.name}, its rows and its file?`}>
              <button type="submit" class="danger">
                Delete dataset
              </button>
            </form>
          ) : null}
        </div>
      </div>
    </section>
  );
}
