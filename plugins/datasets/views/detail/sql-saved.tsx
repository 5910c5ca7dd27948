import { type AppContext, getDb, getTenant, parseForm, redirectTo, z } from 'atoll/plugin';
import type { SavedQueryRow } from '../../db/schema';
import type { DatasetsDeps } from '../../deps';
import { savedQueryNotFound } from '../../errors';
import { SavedQueryName, SavedQuerySql } from '../../routes/saved-queries';
import { serviceCtx } from '../../services/context';
import { deleteSavedQuery, listSavedQueries, saveQuery } from '../../services/saved/saved-queries';

const SaveForm = z.object({ name: SavedQueryName, sql: SavedQuerySql });
const SavedParams = z.object({ id: z.string().uuid() });

/** The tenant's saved queries (the first 100 by name) for the console's side list. */
export const savedQueriesOf = async (c: AppContext) => (await listSavedQueries({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, limit: 100 } })).items;

/** Each saved query opens the console with it (a link, so it works without JavaScript); members can delete it. */
export function SavedQueries({ queries, current, canEdit }: { queries: SavedQueryRow[]; current?: string | undefined; canEdit: boolean }) {
  return (
    <section id="sql-saved" aria-labelledby="sql-saved-title">
      <h3 id="sql-saved-title">Saved queries</h3>
      {queries.length === 0 ? <p class="muted">{canEdit ? 'None yet: write a query, name it and save it.' : 'None yet.'}</p> : null}
      <ul class="sql-list">
        {queries.map((q) => (
          <li>
            <a href={`/app/datasets/sql?saved=${q.id}`} aria-current={q.id === current ? 'true' : undefined} title={q.sql.slice(0, 300)}>
              {q.name}
            </a>
            {canEdit ? (
              <form method="post" action={`/app/datasets/sql/saved/${q.id}/delete`}>
                <button type="submit" class="secondary small" aria-label={`Delete saved query ${q.name}`}>
                  Delete
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** POST `/app/datasets/sql/saved`: saves the console's query under the name given, then opens it. */
export async function saveQueryFromForm(c: AppContext, deps: DatasetsDeps) {
  const input = await parseForm(c, SaveForm);
  const saved = await saveQuery({ ctx: serviceCtx(c, deps), input });
  return redirectTo(c, `/app/datasets/sql?saved=${saved.id}`);
}

/** POST `/app/datasets/sql/saved/:id/delete`: deletes a saved query and shows the console again. */
export async function deleteSavedQueryFromForm(c: AppContext, deps: DatasetsDeps) {
  const params = SavedParams.safeParse({ id: c.req.param('id') });
  if (!params.success) throw savedQueryNotFound();
  await deleteSavedQuery({ ctx: serviceCtx(c, deps), input: { id: params.data.id } });
  return redirectTo(c, '/app/datasets/sql');
}
