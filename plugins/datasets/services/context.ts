import { type Actor, type AppContext, actorOf, type Database, getDb, getTenant } from 'atoll/plugin';
import type { DatasetsDeps } from '../deps';

/** What the dataset services get: the plugin's deps, the database, the tenant, the actor and the request (audit). */
export interface ServiceContext extends DatasetsDeps {
  db: Database;
  tenantId: string;
  actor: Actor;
  request?: AppContext | undefined;
}

export const serviceCtx = (c: AppContext, deps: DatasetsDeps): ServiceContext => ({
  ...deps,
  db: getDb(c),
  tenantId: getTenant(c).id,
  actor: actorOf(c.get('principal')),
  request: c,
});

/** Where a dataset's source file lives (tenant deletion removes everything under `tenants/<id>/`). */
export const sourceKeyOf = (tenantId: string, datasetId: string) => `tenants/${tenantId}/datasets/${datasetId}/source`;

/** Lifetime of presigned upload URLs. */
export const UPLOAD_URL_SECONDS = 3600;
