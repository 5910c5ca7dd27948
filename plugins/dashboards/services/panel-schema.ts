import { wellFormedString, z } from 'atoll/plugin';
import { AGGREGATES, BUCKETS, countBuckets, MAX_BUCKETS, RELATIVE_RANGES } from '../../analytics';

export const PANEL_TYPES = ['kpi', 'timeseries', 'bar', 'table', 'text'] as const;
export type PanelType = (typeof PANEL_TYPES)[number];
export const MAX_PANELS = 50;
export const GRID_COLUMNS = 12;
export const MAX_ROW = 99;
export const MAX_SQL = 20_000;
export const MAX_TEXT = 10_000;

const isoInstant = z.iso.datetime({ offset: true });

export const Position = z
  .object({
    x: z
      .number()
      .int()
      .min(0)
      .max(GRID_COLUMNS - 1),
    y: z.number().int().min(0).max(MAX_ROW),
    w: z.number().int().min(1).max(GRID_COLUMNS),
    h: z.number().int().min(1).max(12),
  })
  .refine((p) => p.x + p.w <= GRID_COLUMNS, { message: `x + w must be at most ${GRID_COLUMNS}`, path: ['w'] })
  .openapi('PanelPosition', { description: 'Place on a 12-column grid: column x (0-11), row y (0-99), width w and height h in grid cells' });

export const RelativeRangeSpec = z.strictObject({ last: z.enum(RELATIVE_RANGES) });
export const AbsoluteRangeSpec = z
  .strictObject({ from: isoInstant, to: isoInstant })
  .refine((r) => Date.parse(r.from) < Date.parse(r.to), { message: '`to` must be after `from` (the range is [from, to))', path: ['to'] });

export const MetricQuery = z
  .strictObject({
    metric: wellFormedString().min(1).max(200),
    agg: z.enum(AGGREGATES).default('avg'),
    bucket: z.enum(BUCKETS).default('hour'),
    range: z.union([RelativeRangeSpec, AbsoluteRangeSpec]).default({ last: '24h' }),
    datasetId: z.string().uuid().optional(),
  })
  .superRefine((q, ctx) => {
    if (!('from' in q.range)) return;
    const count = countBuckets({ from: new Date(q.range.from), to: new Date(q.range.to) }, q.bucket);
    if (count > MAX_BUCKETS) ctx.addIssue({ code: 'custom', path: ['range'], message: `The range spans ${count} ${q.bucket} buckets; at most ${MAX_BUCKETS}` });
  })
  .openapi('PanelMetricQuery', { description: 'A metric aggregated per bucket over a range (relative `{last}` or absolute `{from, to}`, half-open)' });

export const SqlQuery = z.strictObject({ sql: wellFormedString().trim().min(1).max(MAX_SQL) }).openapi('PanelSqlQuery', { description: 'A saved read-only SELECT over the tenant’s datasets' });

const Title = wellFormedString().trim().min(1).max(200);
const common = { title: Title, position: Position.optional() };

/** A panel as a client sends it; `position` defaults to a free row under the others. */
export const PanelInput = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('timeseries'), ...common, query: MetricQuery }),
    z.object({ type: z.literal('bar'), ...common, query: z.union([MetricQuery, SqlQuery]) }),
    z.object({ type: z.literal('kpi'), ...common, query: z.union([MetricQuery, SqlQuery]) }),
    z.object({ type: z.literal('table'), ...common, query: z.union([MetricQuery, SqlQuery]) }),
    z.object({ type: z.literal('text'), ...common, text: wellFormedString().max(MAX_TEXT) }),
  ])
  .openapi('PanelInput');

export type PanelInput = z.output<typeof PanelInput>;
export type MetricQuery = z.output<typeof MetricQuery>;
export type SqlQuery = z.output<typeof SqlQuery>;
export type PanelPosition = z.output<typeof Position>;
/** A stored panel: its input with an id and a position. */
export type Panel = PanelInput & { id: string; position: PanelPosition };

export const isSqlQuery = (q: MetricQuery | SqlQuery): q is SqlQuery => 'sql' in q;
