import type { PageDefinition } from 'atoll/plugin';
import type { DatasetsDeps } from '../deps';

/** Datasets list (live statuses) and upload. */
export const datasetPages = (_deps: DatasetsDeps): PageDefinition[] => [];
