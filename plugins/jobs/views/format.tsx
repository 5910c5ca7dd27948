import type { JobStatus } from '../db/schema';

/** A date as the pages show it (UTC, to the minute or second), inside a machine-readable <time>. */
export function When({ at, seconds = false }: { at: Date | null; seconds?: boolean }) {
  if (!at) return <>—</>;
  const iso = at.toISOString();
  return <time datetime={iso}>{iso.slice(0, seconds ? 19 : 16).replace('T', ' ')}</time>;
}

/** A job status as a badge (styled by `data-status`). */
export const StatusBadge = ({ status }: { status: JobStatus }) => (
  <span class="job-status" data-status={status}>
    {status}
  </span>
);

/** JSON for a <pre> block, cut at `max` characters so a large result cannot bloat the page. */
export function prettyJson(value: unknown, max = 20_000): string {
  const text = JSON.stringify(value ?? null, null, 2) ?? 'null';
  return text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters; see the API)` : text;
}

export const fileSize = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} KiB` : bytes < 1024 ** 3 ? `${(bytes / 1024 ** 2).toFixed(1)} MiB` : `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
