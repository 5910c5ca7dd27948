import { type AppContext, getDb, getTenant, runInTenant } from 'atoll/plugin';
import type { UsersService } from '../../auth';
import { type DatasetRef, type DatasetsService, datasetsServiceRef } from '../../datasets';
import type { JobEventRow, JobRow } from '../db/schema';
import type { JobsDeps } from '../deps';

/** What the jobs pages need besides the plugin's deps: user names for owners and event actors. */
export interface JobPagesDeps extends JobsDeps {
  users: UsersService;
}

/** Names for the ids a page shows: datasets by id, users by id (empty when there is none). */
export interface Names {
  datasets: Map<string, string>;
  users: Map<string, string>;
}

/** The dataset job types the pages know; the plugin declaring them provides the datasets service. */
export const DATASET_JOB_TYPES = ['datasets.export', 'datasets.profile'] as const;

/**
 * The datasets service, reached through the plugin that declares the dataset job types (the jobs
 * plugin does not require datasets): undefined when no installed plugin declares them.
 */
export function datasetsService(deps: JobsDeps): DatasetsService | undefined {
  for (const type of DATASET_JOB_TYPES) {
    const declared = deps.jobTypes.get(type);
    if (declared?.pluginId === datasetsServiceRef.owner) return declared.context.service(datasetsServiceRef);
  }
  return undefined;
}

/**
 * Up to 100 of the tenant's datasets, newest first, for the new-job form's picker, with `wanted`
 * (the dataset the form was opened for) first when it is older. Undefined without the service.
 */
export async function pickableDatasets(c: AppContext, deps: JobsDeps, wanted?: string): Promise<DatasetRef[] | undefined> {
  const datasets = datasetsService(deps);
  if (!datasets) return undefined;
  const tenantId = getTenant(c).id;
  const { items } = await datasets.listDatasets({ db: getDb(c), tenantId, limit: 100 });
  if (!wanted || items.some((d) => d.id === wanted)) return items;
  const found = await runInTenant(getDb(c), tenantId, (tx) => datasets.findDataset(tx, wanted));
  return found ? [found, ...items] : items;
}

const datasetIdOf = (job: Pick<JobRow, 'input'>): string | undefined => {
  const id = (job.input as { datasetId?: unknown } | null)?.datasetId;
  return typeof id === 'string' ? id : undefined;
};

/** The user id of a `user:<id>` event actor. */
const userOfActor = (actor: string) => (actor.startsWith('user:') ? actor.slice(5) : undefined);

/** Looks up the names of the datasets the jobs read and the users who created them or acted on them. */
export async function namesFor(c: AppContext, deps: JobPagesDeps, jobs: Pick<JobRow, 'input' | 'createdBy' | 'createdByKind'>[], events: JobEventRow[] = []): Promise<Names> {
  const names: Names = { datasets: new Map(), users: new Map() };
  const datasetIds = [...new Set(jobs.map(datasetIdOf).filter((id) => id !== undefined))];
  const service = datasetIds.length > 0 ? datasetsService(deps) : undefined;
  if (service) {
    const found = await runInTenant(getDb(c), getTenant(c).id, (tx) => service.findDatasets(tx, datasetIds));
    for (const dataset of found) names.datasets.set(dataset.id, dataset.name);
  }
  const userIds = new Set([...jobs.filter((j) => j.createdByKind === 'user').map((j) => j.createdBy), ...events.map((e) => userOfActor(e.actor)).filter((id) => id !== undefined)]);
  if (userIds.size > 0) for (const user of await deps.users.getUsers(getDb(c), [...userIds])) names.users.set(user.id, user.name || user.email);
  return names;
}

/** The dataset a job reads, by name with a link (its id when it has no name any more), or nothing. */
export function DatasetName({ job, names }: { job: Pick<JobRow, 'input'>; names: Names }) {
  const id = datasetIdOf(job);
  if (!id) return <>—</>;
  const name = names.datasets.get(id);
  return name ? (
    <a href={`/app/datasets/${id}`}>{name}</a>
  ) : (
    <span class="muted" title={id}>
      deleted dataset
    </span>
  );
}

/** Who created the job: a user's name, or "API key" for a program. */
export const OwnerName = ({ job, names }: { job: Pick<JobRow, 'createdBy' | 'createdByKind'>; names: Names }) => (
  <>{job.createdByKind === 'api_key' ? 'API key' : (names.users.get(job.createdBy) ?? 'former member')}</>
);

/** An event's actor in words: a user's name, "API key" (a program or a runner), or the system task. */
export function actorName(actor: string, names: Names): string {
  const user = userOfActor(actor);
  if (user) return names.users.get(user) ?? 'former member';
  if (actor.startsWith('api_key:')) return 'API key';
  return actor.replace(/^system:/, 'system: ');
}
