import { exportDataset } from './datasets-export';
import { profileDataset } from './datasets-profile';
import { noop } from './jobs-noop';
import type { JobHandler } from './types';

/** Every job type this runner can run, by type. RUNNER_TYPES picks a subset. */
export const builtInHandlers: Record<string, JobHandler> = {
  'datasets.export': exportDataset,
  'datasets.profile': profileDataset,
  'jobs.noop': noop,
};

/** What a runner claims when RUNNER_TYPES is not set (`jobs.noop` only when asked for: the Worker must declare it). */
export const DEFAULT_TYPES = ['datasets.export', 'datasets.profile'];
