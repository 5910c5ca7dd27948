import { z } from 'atoll/plugin';

// The `datasets.profile` result as the page reads it: loose, so a result of an older or newer
// runner still shows what it has (a result that does not parse falls back to the raw JSON).
const Value = z.union([z.number(), z.string(), z.boolean()]).nullable().optional();
const Profile = z.object({
  rowCount: z.number(),
  columns: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      count: z.number(),
      nulls: z.number(),
      distinct: z.number(),
      distinctApproximate: z.boolean().optional(),
      min: Value,
      max: Value,
      mean: z.number().nullable().optional(),
      stddev: z.number().nullable().optional(),
      topValues: z
        .array(z.object({ value: z.union([z.string(), z.boolean()]), count: z.number() }))
        .nullable()
        .optional(),
    }),
  ),
});

/** The job types whose result is a column profile. */
export const PROFILE_JOB_TYPE = 'datasets.profile';

const MAX_COLUMNS = 500;
const shown = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'number' && !Number.isInteger(v) ? String(Number(v.toPrecision(6))) : String(v));

/** A profile result as a table, one row per column; null when the result is not a profile. */
export function ProfileTable({ result }: { result: unknown }) {
  const profile = Profile.safeParse(result);
  if (!profile.success) return null;
  const { rowCount, columns } = profile.data;
  return (
    <section id="job-profile">
      <h2>Profile</h2>
      <p>
        {rowCount} {rowCount === 1 ? 'row' : 'rows'}, {columns.length} {columns.length === 1 ? 'column' : 'columns'}.
      </p>
      <div class="table-scroll" tabindex={0}>
        <table id="profile-columns">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Type</th>
              <th scope="col">Values</th>
              <th scope="col">Empty</th>
              <th scope="col">Distinct</th>
              <th scope="col">Min</th>
              <th scope="col">Max</th>
              <th scope="col">Mean</th>
              <th scope="col">Std. dev.</th>
              <th scope="col">Most frequent</th>
            </tr>
          </thead>
          <tbody>
            {columns.slice(0, MAX_COLUMNS).map((col) => (
              <tr data-column={col.name}>
                <th scope="row">{col.name}</th>
                <td>{col.type}</td>
                <td>{col.count}</td>
                <td>{col.nulls}</td>
                <td>{col.distinctApproximate ? `about ${col.distinct}` : col.distinct}</td>
                <td>{shown(col.min)}</td>
                <td>{shown(col.max)}</td>
                <td>{shown(col.mean)}</td>
                <td>{shown(col.stddev)}</td>
                <td>
                  {col.topValues?.length
                    ? col.topValues
                        .slice(0, 3)
                        .map((t) => `${String(t.value)} (${t.count})`)
                        .join(', ')
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {columns.length > MAX_COLUMNS ? <p class="muted">The first {MAX_COLUMNS} columns are shown; the full profile is in the result files.</p> : null}
    </section>
  );
}
