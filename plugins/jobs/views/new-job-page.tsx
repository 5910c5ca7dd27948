import { type AppContext, getDb, getPrincipal, getTenant, parseForm, redirectTo, z } from 'atoll/plugin';
import type { JobsDeps } from '../deps';
import { callerOf } from '../services/context';
import { createJob } from '../services/create-job';
import { pickableDatasets } from './names';

/** The built-in dataset jobs the form offers, as (choice → job type and input). */
const CHOICES = {
  'export-csv': { label: 'Export to CSV', type: 'datasets.export', input: (datasetId: string) => ({ datasetId, format: 'csv' }) },
  'export-parquet': { label: 'Export to Parquet', type: 'datasets.export', input: (datasetId: string) => ({ datasetId, format: 'parquet' }) },
  profile: { label: 'Profile every column (statistics)', type: 'datasets.profile', input: (datasetId: string) => ({ datasetId }) },
} as const;
type Choice = keyof typeof CHOICES;

const PageQuery = z.object({ datasetId: z.string().uuid().optional().catch(undefined) });
const NewJobForm = z.object({ datasetId: z.string().uuid(), job: z.enum(Object.keys(CHOICES) as [Choice, ...Choice[]]) });

/** The choices whose job type an installed plugin declares (none without the datasets plugin). */
const available = (deps: JobsDeps) => (Object.keys(CHOICES) as Choice[]).filter((choice) => deps.jobTypes.get(CHOICES[choice].type));

/** `/app/jobs/new?datasetId=`: start an export (CSV or Parquet) or a profile of a dataset picked by name. */
export async function NewJobPage(c: AppContext, deps: JobsDeps) {
  const { datasetId } = PageQuery.parse(c.req.query());
  const choices = available(deps);
  const datasets = choices.length === 0 ? undefined : await pickableDatasets(c, deps, datasetId);
  if (!datasets)
    return (
      <p class="muted" id="no-job-types">
        No plugin installed here declares the dataset jobs.
      </p>
    );
  const back = (
    <p>
      <a href={datasetId ? `/app/datasets/${datasetId}` : '/app/jobs'}>← Back</a>
    </p>
  );
  if (datasets.length === 0)
    return (
      <>
        {back}
        <p class="muted" id="no-datasets">
          No datasets yet. <a href="/app/datasets">Upload one</a> first, then start a job on it.
        </p>
      </>
    );
  return (
    <form method="post" action="/app/jobs/new" class="stack" id="new-job">
      {back}
      <label for="job-dataset">
        Dataset
        <select id="job-dataset" name="datasetId" required>
          {datasets.map((d) => (
            <option value={d.id} selected={d.id === datasetId}>
              {d.name}
              {d.status === 'ready' ? '' : d.status === 'error' ? ' (failed to load)' : ' (not ready yet)'}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Job</legend>
        {choices.map((choice, i) => (
          <label for={`job-${choice}`}>
            <input type="radio" id={`job-${choice}`} name="job" value={choice} checked={i === 0} /> {CHOICES[choice].label}
          </label>
        ))}
      </fieldset>
      <button type="submit">Start job</button>
    </form>
  );
}

/** POST `/app/jobs/new`: creates the job (or reuses an identical one) and opens it. */
export async function createJobFromForm(c: AppContext, deps: JobsDeps) {
  const form = await parseForm(c, NewJobForm);
  const choice = CHOICES[form.job];
  const tenant = getTenant(c);
  const { job } = await createJob({
    ctx: { ...deps, db: getDb(c) },
    input: { tenantId: tenant.id, type: choice.type, input: choice.input(form.datasetId), caller: callerOf(getPrincipal(c), tenant.role) },
  });
  return redirectTo(c, `/app/jobs/${job.id}`, { notice: 'job-created' });
}
