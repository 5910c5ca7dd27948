import { type AppContext, AtollError, getDb, getTenant, parseForm, roleAtLeast, runInTenant, z } from 'atoll/plugin';
import { asc, eq } from 'drizzle-orm';
import { sqlBoundsOf } from '../../config';
import { type DatasetRow, datasets } from '../../db/schema';
import type { DatasetsDeps } from '../../deps';
import { runDatasetQuery } from '../../services/run-query';
import { getSavedQuery } from '../../services/saved/saved-queries';
import { datasetSource } from '../../services/sql/dataset-source';
import { MAX_SQL_CHARS } from '../../services/sql/limits';
import { resultCsv } from '../../services/sql/result-csv';
import { type Outcome, SqlResult } from './sql-result';
import { SavedQueries, savedQueriesOf } from './sql-saved';

const ConsoleQuery = z.object({
  sql: z.string().max(MAX_SQL_CHARS).optional().catch(undefined),
  saved: z.string().uuid().optional().catch(undefined),
});
const ConsoleForm = z.object({ sql: z.string().max(MAX_SQL_CHARS) });

/** The tenant's ready datasets with their columns, for the side list and the editor's completion. */
const readyDatasets = (c: AppContext) => runInTenant(getDb(c), getTenant(c).id, (tx) => tx.select().from(datasets).where(eq(datasets.status, 'ready')).orderBy(asc(datasets.name)).limit(200));

/** `{ dataset: [{ name, type }] }`: what the editor completes (names as SQL refers to them). */
const completionSchema = (list: DatasetRow[]) =>
  JSON.stringify(Object.fromEntries(list.map((d) => [d.name.toLowerCase(), datasetSource(d).columns.map((col) => ({ name: col.name, type: col.type }))])));

function DatasetList({ list }: { list: DatasetRow[] }) {
  return (
    <section id="sql-datasets" aria-labelledby="sql-datasets-title">
      <h3 id="sql-datasets-title">Datasets</h3>
      {list.length === 0 ? <p class="muted">No ready datasets yet.</p> : null}
      <ul>
        {list.map((d) => (
          <li>
            <a href={`/app/datasets/${d.id}`}>
              <code>{d.name}</code>
            </a>{' '}
            <small class="muted">
              (
              {datasetSource(d)
                .columns.map((col) => `${col.name} ${col.type}`)
                .join(', ')}
              )
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The console. Without JavaScript it is a textarea in a form that posts to this page. sql-console.js
 * puts a CodeMirror editor (vendor/codemirror.js) in its place that keeps the textarea filled, runs
 * the query with Ctrl/Cmd+Enter, completes dataset and column names from `data-schema`, marks the
 * position of an error, shows the running state and keeps the browser's own history of queries.
 */
async function Console(c: AppContext, sql: string, outcome: Outcome, current?: string) {
  const [list, saved] = await Promise.all([readyDatasets(c), savedQueriesOf(c)]);
  const member = roleAtLeast(getTenant(c).role, 'member');
  return (
    <>
      <link rel="stylesheet" href="/static/sql-console.css" />
      <div class="sql-console" id="sql-console" data-tenant={getTenant(c).id}>
        <div class="sql-main">
          <form method="post" action="/app/datasets/sql" class="stack" id="sql-form" hx-post="/app/datasets/sql" hx-target="#sql-result" hx-select="#sql-result" hx-swap="outerHTML">
            <h2>Query</h2>
            <label for="sql-text" id="sql-label">
              One read-only SELECT over your datasets, by name <small class="muted">at most 1,000 rows, 5 seconds; Ctrl+Enter (⌘+Enter) runs it</small>
            </label>
            <textarea id="sql-text" name="sql" rows={8} cols={80} required maxlength={MAX_SQL_CHARS} spellcheck={false}>
              {sql}
            </textarea>
            <div id="sql-editor" class="sql-editor" data-schema={completionSchema(list)} hidden></div>
            <div class="sql-actions">
              <button type="submit" id="sql-run">
                Run
              </button>
              {member ? (
                <span class="sql-save">
                  <label for="sql-save-name">Name</label>
                  <input id="sql-save-name" name="name" maxlength={100} autocomplete="off" />
                  <button type="submit" class="secondary" id="sql-save" formaction="/app/datasets/sql/saved" hx-post="/app/datasets/sql/saved" hx-target="body">
                    Save query
                  </button>
                </span>
              ) : null}
            </div>
          </form>
          <SqlResult outcome={outcome} />
        </div>
        <aside class="sql-side" aria-label="Datasets and queries">
          <DatasetList list={list} />
          <SavedQueries queries={saved} current={current} canEdit={member} />
          <section id="sql-history" aria-labelledby="sql-history-title" hidden>
            <h3 id="sql-history-title">History</h3>
            <p class="muted">The last queries run in this browser.</p>
            <ol class="sql-list" id="sql-history-list"></ol>
          </section>
        </aside>
      </div>
      <script src="/static/vendor/codemirror.js" defer></script>
      <script src="/static/sql-console.js" defer></script>
      <script src="/static/sql-history.js" defer></script>
    </>
  );
}

/** GET `/app/datasets/sql`: the console, optionally with a saved query (`?saved=<id>`) or `?sql=`. */
export async function SqlConsolePage(c: AppContext) {
  const query = ConsoleQuery.parse(c.req.query());
  if (query.saved) {
    const saved = await getSavedQuery({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, id: query.saved } });
    return Console(c, saved.sql, null, saved.id);
  }
  return Console(c, query.sql ?? '', null);
}

/** Runs the form's query; a refusal the user can fix (400, 422) is an outcome, anything else is thrown. */
async function runFormQuery(c: AppContext, deps: DatasetsDeps, sql: string) {
  const rate = { limiter: deps.rateLimiter, perMinute: deps.config.sqlRatePerMinute };
  return runDatasetQuery({ db: getDb(c), tenantId: getTenant(c).id, sql, rate, bounds: sqlBoundsOf(deps.config) });
}

/**
 * POST `/app/datasets/sql`: runs the query and renders the console with its result or the reason
 * it was refused (htmx swaps only #sql-result; without JavaScript the whole page comes back).
 */
export async function runSqlFromForm(c: AppContext, deps: DatasetsDeps) {
  const { sql } = await parseForm(c, ConsoleForm);
  let outcome: Outcome;
  try {
    outcome = { result: await runFormQuery(c, deps, sql), sql };
  } catch (error) {
    if (!(error instanceof AtollError) || (error.kind !== 'validation' && error.kind !== 'unprocessable')) throw error;
    outcome = { error };
  }
  return Console(c, sql, outcome);
}

/**
 * POST `/app/datasets/sql/csv`: runs the query again, within the same limits and rate as the
 * console (at most 1,000 rows), and answers with its result as a CSV download; a refusal is the
 * usual error page.
 */
export async function downloadSqlCsv(c: AppContext, deps: DatasetsDeps) {
  const { sql } = await parseForm(c, ConsoleForm);
  const result = await runFormQuery(c, deps, sql);
  return new Response(resultCsv(result), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="query.csv"', 'cache-control': 'no-store' },
  });
}
