import type { PageDefinition } from 'atoll/plugin';
import type { DatasetsDeps } from '../deps';

/** Dataset detail (schema, preview, summary, row errors) and the SQL console. */
export const detailPages = (_deps: DatasetsDeps): PageDefinition[] => [];
