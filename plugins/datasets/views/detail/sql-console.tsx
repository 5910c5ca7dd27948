import { asc, eq } from 'drizzle-orm';
import { AtollError, getDb, getTenant, parseForm, runInTenant, z, type AppContext } from 'atoll/plugin';
import { datasets } from '../../db/schema';
import type { QueryResult } from '../../refs';
import { sqlBoundsOf } from '../../config';
import type { DatasetsDeps } from '../../deps';
import { runDatasetQuery } from '../../services/run-query';
import { datasetSource } from '../../services/sql/dataset-source';
import { MAX_SQL_CHARS } from '../../services/sql/limits';
import { DataTable } from './data-table';

const ConsoleQuery = z.object({ sql: z.string().max(MAX_SQL_CHARS).optional().catch(undefined) });
const ConsoleForm = z.object({ sql: z.string().max(MAX_SQL_CHARS) });

type Outcome = { result: QueryResult } | { error: AtollError } | null;

/** The tenant's ready datasets with their columns, for the sidebar. */
const readyDatasets = (c: AppContext) =>
  runInTenant(getDb(c), getTenant(c).id, (tx) =>
    tx.select().from(datasets).where(eq(datasets.status, 'ready')).orderBy(asc(datasets.name)).limit(200),
  );

function Result({ outcome }: { outcome: Outcome }) {
  if (!outcome) return <div id="sql-result"></div>;
  if ('error' in outcome) {
    return (
      <div id="sql-result">
        <div class="alert alert-error" id="sql-error" role="alert" data-code={outcome.error.code}>
          <strong>The query did not run.</strong> {outcome.error.message}
        </div>
      </div>
    );
  }
  const { result } = outcome;
  return (
    <div id="sql-result">
      <p id="sql-summary" class="muted">
        {result.rowCount} rows{result.truncated ? ' (truncated: more rows were left out)' : ''} in {result.durationMs} ms
      </p>
      <DataTable id="sql-rows" caption="Result" columns={result.columns} rows={result.rows} />
    </div>
  );
}

async function Console(c: AppContext, sql: string, outcome: Outcome) {
  const list = await readyDatasets(c);
  return (
    <>
      <form method="post" action="/app/datasets/sql" class="stack" id="sql-form" hx-post="/app/datasets/sql" hx-target="#sql-result" hx-select="#sql-result" hx-swap="outerHTML">
        <h2>SQL</h2>
        <label for="sql-text">
          One read-only SELECT over your datasets, by name <small class="muted">at most 1,000 rows, 5 seconds</small>
          <textarea id="sql-text" name="sql" rows={8} cols={80} required maxlength={MAX_SQL_CHARS} spellcheck={false}>{sql}</textarea>
        </label>
        <button type="submit">Run</button>
      </form>
      <Result outcome={outcome} />
      <section id="sql-datasets">
        <h3>Datasets</h3>
        {list.length === 0 ? <p class="muted">No ready datasets yet.</p> : null}
        <ul>
          {list.map((d) => (
            <li>
              <a href={`/app/datasets/${d.id}`}><code>{d.name}</code></a>{' '}
              <small class="muted">({datasetSource(d).columns.map((col) => `${col.name} ${col.type}`).join(', ')})</small>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** GET `/app/datasets/sql`: the console, optionally prefilled with `?sql=`. */
export const SqlConsolePage = (c: AppContext) => Console(c, ConsoleQuery.parse(c.req.query()).sql ?? '', null);

/**
 * POST `/app/datasets/sql`: runs the query and renders the console with its result or the reason
 * it was refused (htmx swaps only #sql-result; without JavaScript the whole page comes back).
 */
export async function runSqlFromForm(c: AppContext, deps: DatasetsDeps) {
  const { sql } = await parseForm(c, ConsoleForm);
  let outcome: Outcome;
  try {
    const rate = { limiter: deps.rateLimiter, perMinute: deps.config.sqlRatePerMinute };
    outcome = { result: await runDatasetQuery({ db: getDb(c), tenantId: getTenant(c).id, sql, rate, bounds: sqlBoundsOf(deps.config) }) };
  } catch (error) {
    if (!(error instanceof AtollError) || (error.kind !== 'validation' && error.kind !== 'unprocessable')) throw error;
    outcome = { error };
  }
  return Console(c, sql, outcome);
}
