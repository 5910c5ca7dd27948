import { type AppContext, getDb, type Logger, type ObjectStorage } from 'atoll/plugin';
import type { ProjectsService } from '../../projects';
import type { ArtifactsConfig } from '../config';
import { actorOf, type ServiceContext } from '../services/context';

/** What the routes and pages need from boot. */
export interface ArtifactsDeps {
  storage: ObjectStorage;
  config: ArtifactsConfig;
  projects: ProjectsService;
  logger: Logger;
}

export const serviceCtx = (c: AppContext, deps: ArtifactsDeps): ServiceContext & ArtifactsDeps => ({
  ...deps,
  db: getDb(c),
  actor: actorOf(c.get('principal')),
  request: c,
});

export const READ = { tenantRole: 'viewer', scopes: ['artifacts:read'] } as const;
export const WRITE = { tenantRole: 'member', scopes: ['artifacts:write'] } as const;
export const DELETE = { tenantRole: 'admin', scopes: ['artifacts:delete'] } as const;
