import type { Actor, AppContext, Database, ObjectStorage } from 'atoll/plugin';

export { type Actor, actorOf } from 'atoll/plugin';

import type { ArtifactsConfig } from '../config';

/** What the services get: database, actor, the request (audit request id), storage and config. */
export interface ServiceContext {
  db: Database;
  actor: Actor;
  request?: AppContext | undefined;
  storage: ObjectStorage;
  config: ArtifactsConfig;
}

/** Every object of an artifact lives under its tenant's prefix. */
export const artifactPrefix = (tenantId: string, artifactId: string) => `tenants/${tenantId}/artifacts/${artifactId}/`;
export const versionKey = (tenantId: string, artifactId: string, version: number) => `${artifactPrefix(tenantId, artifactId)}v${version}`;
export const uploadKey = (tenantId: string, artifactId: string, uploadId: string) => `${artifactPrefix(tenantId, artifactId)}uploads/${uploadId}`;

/** Deletes every object under each artifact's prefix (versions and unfinished uploads). */
export async function purgeArtifactObjects(storage: ObjectStorage, tenantId: string, artifactIds: readonly string[]): Promise<void> {
  for (const id of artifactIds) {
    const keys: string[] = [];
    for await (const object of storage.listAll(artifactPrefix(tenantId, id))) keys.push(object.key);
    if (keys.length > 0) {
      const { failed } = await storage.deleteMany(keys);
      if (failed.length > 0) throw new Error(`could not delete ${failed.length} object(s) of artifact ${id}`);
    }
  }
}
