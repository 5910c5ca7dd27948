import type { ApiKeyPrincipal } from 'atoll/plugin';
import type { JobsConfig } from '../config';

/** A runner: the API key it authenticates with (scope `jobs:work`) and the id it reports. */
export interface Runner {
  keyId: string;
  tenantId: string;
  /** Keys of the platform runner tenant (`JOBS_RUNNER_TENANT`) work for every tenant. */
  platform: boolean;
  runnerId?: string | undefined;
}

export const runnerOf = (principal: ApiKeyPrincipal, config: JobsConfig, runnerId?: string): Runner => ({
  keyId: principal.keyId,
  tenantId: principal.tenantId,
  platform: config.runnerTenant !== undefined && principal.tenantId === config.runnerTenant,
  runnerId,
});
