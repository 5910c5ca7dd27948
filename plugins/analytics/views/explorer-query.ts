import { z } from 'atoll/plugin';
import { AGGREGATES, type Aggregate, BUCKETS, type Bucket, RELATIVE_RANGES, type RelativeRange, resolveRange, type TimeRange } from '../services/buckets';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
// `<input type="datetime-local">` sends "2026-03-02T14:00" without a zone: the explorer reads it as UTC.
const localInstant = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/)
    .optional(),
);

export const ExplorerQuery = z.object({
  metric: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  datasetId: z.preprocess(blankToUndefined, z.string().uuid().optional()),
  last: z.enum([...RELATIVE_RANGES, 'custom']).default('24h'),
  from: localInstant,
  to: localInstant,
  bucket: z.enum(BUCKETS).default('hour'),
  agg: z.enum(AGGREGATES).default('avg'),
  fill: z.enum(['none', 'zero']).default('none'),
});

export interface ExplorerState {
  metric?: string | undefined;
  datasetId?: string | undefined;
  last: RelativeRange | 'custom';
  from?: string | undefined;
  to?: string | undefined;
  bucket: Bucket;
  agg: Aggregate;
  fill: 'none' | 'zero';
}

/** The explorer's query (unknown or malformed values fall back to defaults, with a message). */
export function parseExplorerQuery(query: Record<string, string>): { state: ExplorerState; problem?: string } {
  const parsed = ExplorerQuery.safeParse(query);
  if (parsed.success) return { state: parsed.data };
  const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
  return { state: ExplorerQuery.parse({}), problem: `Ignored invalid ${fields}` };
}

const asUtc = (v: string) => new Date(/(Z|[+-]\d{2}:\d{2})$/.test(v) ? v : `${v}Z`);

/** The state's time range (throws the API's 400 errors for an empty or too fine range). */
export function explorerRange(state: ExplorerState, now: Date): TimeRange {
  if (state.last !== 'custom') return resolveRange({ last: state.last }, state.bucket, now);
  return resolveRange({ from: state.from ? asUtc(state.from) : undefined, to: state.to ? asUtc(state.to) : undefined }, state.bucket, now);
}

/** The query string that reproduces the state (for links, refreshes and the address bar). */
export function explorerSearch(state: ExplorerState): string {
  const entries = Object.entries(state).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  return new URLSearchParams(entries).toString();
}
