import type { DatasetRow } from '../db/schema';

const size = (bytes: number | null) =>
  bytes === null
    ? '—'
    : bytes < 1024
      ? `${bytes} B`
      : bytes < 1024 ** 2
        ? `${(bytes / 1024).toFixed(1)} KiB`
        : bytes < 1024 ** 3
          ? `${(bytes / 1024 ** 2).toFixed(1)} MiB`
          : `${(bytes / 1024 ** 3).toFixed(2)} GiB`;

/**
 * One dataset in the list. `datasets.js` swaps in a fresh copy (GET /app/datasets/<id>/row) when a
 * realtime event says the dataset changed, and moves the progress bar on `dataset.progress`.
 */
export function DatasetRowView({ dataset }: { dataset: DatasetRow }) {
  const busy = dataset.status === 'queued' || dataset.status === 'ingesting';
  return (
    <tr id={`dataset-${dataset.id}`} data-dataset-id={dataset.id} data-status={dataset.status}>
      <td>
        <a href={`/app/datasets/${dataset.id}`}>{dataset.name}</a>
      </td>
      <td>
        {dataset.kind} <small class="muted">{dataset.format}</small>
      </td>
      <td>
        <span class="dataset-status" data-status-badge title={dataset.error ?? undefined}>
          {dataset.status}
        </span>
        {busy ? <progress class="ingest-progress" data-ingest-progress max="100" value="0" aria-label={`Ingestion of ${dataset.name}`}></progress> : null}
        {dataset.status === 'error' && dataset.error ? <small class="muted dataset-error"> {dataset.error}</small> : null}
      </td>
      <td data-row-count>{dataset.status === 'ready' ? dataset.rowCount.toLocaleString('en') : '—'}</td>
      <td data-skipped-count>{dataset.status === 'ready' ? dataset.skippedCount.toLocaleString('en') : '—'}</td>
      <td>{size(dataset.sizeBytes)}</td>
      <td>
        <time datetime={dataset.updatedAt.toISOString()}>{dataset.updatedAt.toISOString().slice(0, 16).replace('T', ' ')}</time>
      </td>
    </tr>
  );
}
