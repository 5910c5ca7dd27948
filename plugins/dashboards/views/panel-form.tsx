import { AtollError, type FieldError, z } from 'atoll/plugin';
import { AGGREGATES, BUCKETS, RELATIVE_RANGES } from '../../analytics';
import { MAX_SQL, MAX_TEXT, PANEL_TYPES, type Panel, PanelInput } from '../services/panel-schema';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The panel form's fields, as posted (each checked again by `PanelInput`). */
const PanelForm = z.object({
  type: z.enum(PANEL_TYPES),
  title: z.string(),
  source: z.enum(['metric', 'sql']).default('metric'),
  metric: z.string().default(''),
  agg: z.enum(AGGREGATES).default('avg'),
  bucket: z.enum(BUCKETS).default('hour'),
  last: z.enum(RELATIVE_RANGES).default('24h'),
  datasetId: z.preprocess(blank, z.string().optional()),
  sql: z.string().default(''),
  text: z.string().default(''),
});

const invalid = (errors: FieldError[]) => new AtollError('validation', 'KERNEL_VALIDATION', 'The form is invalid', { errors });

/**
 * A panel from the form's fields: 400 naming each wrong field. Only the fields of the chosen type
 * (and data source) count. The form has no position: an edit keeps `keep`, a new panel takes the
 * first free slot; moving and resizing are the card's own buttons.
 */
export function panelFromForm(fields: Record<string, unknown>, keep?: Panel['position']): PanelInput {
  const form = PanelForm.safeParse(fields);
  if (!form.success) throw invalid(form.error.issues.map((i) => ({ location: 'body', path: i.path.join('.'), message: i.message })));
  const f = form.data;
  const query =
    f.source === 'sql' && f.type !== 'timeseries'
      ? { sql: f.sql }
      : { metric: f.metric.trim(), agg: f.agg, bucket: f.bucket, range: { last: f.last }, ...(f.datasetId ? { datasetId: f.datasetId } : {}) };
  const candidate = f.type === 'text' ? { type: f.type, title: f.title, text: f.text, position: keep } : { type: f.type, title: f.title, query, position: keep };
  const panel = PanelInput.safeParse(candidate);
  if (!panel.success) throw invalid(panel.error.issues.map((i) => ({ location: 'body', path: formPath(i.path), message: i.message })));
  return panel.data;
}

// `query.metric` is the form's `metric` field.
const formPath = (path: PropertyKey[]) => String(path.at(-1) ?? 'form');

const TYPE_LABELS: Record<(typeof PANEL_TYPES)[number], string> = { kpi: 'Number (KPI)', timeseries: 'Line chart', bar: 'Bar chart', table: 'Table', text: 'Text' };
const option = (value: string, current: string | undefined, label = value) => (
  <option value={value} selected={value === current}>
    {label}
  </option>
);

export interface PanelFormOptions {
  /** The tenant's metric names (analytics), for the metric list. */
  metrics: readonly string[];
  /** The tenant's metric datasets, to narrow a metric to one. */
  datasets: readonly { id: string; name: string }[];
  /** Where the Preview button posts the form (an htmx partial). */
  previewUrl: string;
}

/**
 * The add / edit form of a panel (`panel` prefills it). Only the fields of the chosen type and data
 * source are shown (charts.css, by `:has()`: no script needed); Preview draws the panel with the
 * form's values without saving it.
 */
export function PanelFormFields({ panel, prefix, metrics, datasets, previewUrl }: PanelFormOptions & { panel?: Panel | undefined; prefix: string }) {
  const query = panel && panel.type !== 'text' ? panel.query : undefined;
  const metric = query && 'metric' in query ? query : undefined;
  const sql = query && 'sql' in query ? query.sql : '';
  const id = (name: string) => `${prefix}-${name}`;
  const names = metric && !metrics.includes(metric.metric) ? [metric.metric, ...metrics] : metrics;
  return (
    <>
      <label for={id('type')}>
        Type
        <select id={id('type')} name="type">
          {PANEL_TYPES.map((t) => option(t, panel?.type ?? 'timeseries', TYPE_LABELS[t]))}
        </select>
      </label>
      <label for={id('title')}>
        Title
        <input id={id('title')} name="title" required maxlength={200} value={panel?.title ?? ''} />
      </label>
      <fieldset class="field-source">
        <legend>Data from</legend>
        <label class="checkbox" for={id('source-metric')}>
          <input type="radio" id={id('source-metric')} name="source" value="metric" checked={!sql} /> A metric
        </label>
        <label class="checkbox" for={id('source-sql')}>
          <input type="radio" id={id('source-sql')} name="source" value="sql" checked={!!sql} /> A SQL query
        </label>
      </fieldset>
      <label class="field-metric" for={id('metric')}>
        Metric
        <select id={id('metric')} name="metric">
          {names.length === 0 ? <option value="">No metrics yet: upload a metric dataset first</option> : metric ? null : <option value="">Choose a metric</option>}
          {names.map((m) => option(m, metric?.metric))}
        </select>
      </label>
      <label class="field-metric" for={id('agg')}>
        Aggregate
        <select id={id('agg')} name="agg">
          {AGGREGATES.map((a) => option(a, metric?.agg ?? 'avg'))}
        </select>
      </label>
      <label class="field-metric field-bucket" for={id('bucket')}>
        Per
        <select id={id('bucket')} name="bucket">
          {BUCKETS.map((b) => option(b, metric?.bucket ?? 'hour'))}
        </select>
      </label>
      <label class="field-metric" for={id('last')}>
        Over the last
        <select id={id('last')} name="last">
          {RELATIVE_RANGES.map((r) => option(r, metric && 'last' in metric.range ? metric.range.last : '24h'))}
        </select>
      </label>
      <label class="field-metric" for={id('dataset')}>
        Dataset
        <select id={id('dataset')} name="datasetId">
          <option value="">All datasets</option>
          {datasets.map((d) => (
            <option value={d.id} selected={d.id === metric?.datasetId}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label class="field-sql" for={id('sql')}>
        SQL
        <textarea id={id('sql')} name="sql" rows={3} maxlength={MAX_SQL}>
          {sql}
        </textarea>
      </label>
      <label class="field-text" for={id('text')}>
        Text
        <textarea id={id('text')} name="text" rows={3} maxlength={MAX_TEXT}>
          {panel?.type === 'text' ? panel.text : ''}
        </textarea>
      </label>
      <p class="buttons">
        <button type="button" class="secondary" id={id('preview-button')} hx-post={previewUrl} hx-target={`#${id('preview')}`} hx-swap="innerHTML">
          Preview
        </button>
      </p>
      <div class="panel-preview" id={id('preview')} aria-live="polite"></div>
    </>
  );
}
