import { AtollError, z, type FieldError } from 'atoll/plugin';
import { AGGREGATES, BUCKETS, RELATIVE_RANGES } from '../../analytics';
import { MAX_SQL, MAX_TEXT, PANEL_TYPES, PanelInput, type Panel } from '../services/panel-schema';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const cell = z.preprocess(blank, z.coerce.number().int().optional());

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
  x: cell,
  y: cell,
  w: cell,
  h: cell,
});

const invalid = (errors: FieldError[]) => new AtollError('validation', 'KERNEL_VALIDATION', 'The form is invalid', { errors });

/** A panel from the form's fields: 400 naming each wrong field. The position is kept when left blank. */
export function panelFromForm(fields: Record<string, unknown>, keep?: Panel['position']): PanelInput {
  const form = PanelForm.safeParse(fields);
  if (!form.success) throw invalid(form.error.issues.map((i) => ({ location: 'body', path: i.path.join('.'), message: i.message })));
  const f = form.data;
  const { x, y, w, h } = f;
  const position = x !== undefined && y !== undefined && w !== undefined && h !== undefined ? { x, y, w, h } : keep;
  const query = f.source === 'sql' && f.type !== 'timeseries' ? { sql: f.sql } : { metric: f.metric.trim(), agg: f.agg, bucket: f.bucket, range: { last: f.last }, ...(f.datasetId ? { datasetId: f.datasetId } : {}) };
  const candidate = f.type === 'text' ? { type: f.type, title: f.title, text: f.text, position } : { type: f.type, title: f.title, query, position };
  const panel = PanelInput.safeParse(candidate);
  if (!panel.success) throw invalid(panel.error.issues.map((i) => ({ location: 'body', path: formPath(i.path), message: i.message })));
  return panel.data;
}

// `query.metric` is the form's `metric` field, `position.w` its `w` field.
const formPath = (path: PropertyKey[]) => String(path.at(-1) ?? 'form');

const option = (value: string, current: string | undefined) => <option value={value} selected={value === current}>{value}</option>;

/** The add / edit form of a panel (`panel` prefills it). */
export function PanelFormFields({ panel, prefix, datasets }: { panel?: Panel | undefined; prefix: string; datasets: readonly { id: string; name: string }[] }) {
  const query = panel && panel.type !== 'text' ? panel.query : undefined;
  const metric = query && 'metric' in query ? query : undefined;
  const sql = query && 'sql' in query ? query.sql : '';
  const id = (name: string) => `${prefix}-${name}`;
  const cellInput = (name: 'x' | 'y' | 'w' | 'h', max: number) => (
    <label for={id(name)}>{name}<input type="number" id={id(name)} name={name} min={name === 'w' || name === 'h' ? 1 : 0} max={max} value={panel ? String(panel.position[name]) : ''} /></label>
  );
  return (
    <>
      <label for={id('type')}>Type<select id={id('type')} name="type">{PANEL_TYPES.map((t) => option(t, panel?.type ?? 'timeseries'))}</select></label>
      <label for={id('title')}>Title<input id={id('title')} name="title" required maxlength={200} value={panel?.title ?? ''} /></label>
      <fieldset>
        <legend>Data</legend>
        <label class="checkbox" for={id('source-metric')}><input type="radio" id={id('source-metric')} name="source" value="metric" checked={!sql} /> Metric</label>
        <label class="checkbox" for={id('source-sql')}><input type="radio" id={id('source-sql')} name="source" value="sql" checked={!!sql} /> SQL (kpi, bar, table)</label>
        <label for={id('metric')}>Metric<input id={id('metric')} name="metric" maxlength={200} value={metric?.metric ?? ''} /></label>
        <label for={id('agg')}>Aggregate<select id={id('agg')} name="agg">{AGGREGATES.map((a) => option(a, metric?.agg ?? 'avg'))}</select></label>
        <label for={id('bucket')}>Bucket<select id={id('bucket')} name="bucket">{BUCKETS.map((b) => option(b, metric?.bucket ?? 'hour'))}</select></label>
        <label for={id('last')}>Last<select id={id('last')} name="last">{RELATIVE_RANGES.map((r) => option(r, metric && 'last' in metric.range ? metric.range.last : '24h'))}</select></label>
        <label for={id('dataset')}>Dataset
          <select id={id('dataset')} name="datasetId">
            <option value="">All datasets</option>
            {datasets.map((d) => <option value={d.id} selected={d.id === metric?.datasetId}>{d.name}</option>)}
          </select>
        </label>
        <label for={id('sql')}>SQL<textarea id={id('sql')} name="sql" rows={3} maxlength={MAX_SQL}>{sql}</textarea></label>
        <label for={id('text')}>Text <small>text panels</small><textarea id={id('text')} name="text" rows={3} maxlength={MAX_TEXT}>{panel?.type === 'text' ? panel.text : ''}</textarea></label>
      </fieldset>
      <fieldset class="inline-cells">
        <legend>Position <small>12-column grid; blank places it under the others</small></legend>
        {cellInput('x', 11)}{cellInput('y', 99)}{cellInput('w', 12)}{cellInput('h', 12)}
      </fieldset>
    </>
  );
}
