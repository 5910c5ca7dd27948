import type { RouteDefinition } from 'atoll/plugin';
import type { DatasetsDeps } from '../deps';

export const datasetRoutes = (_deps: DatasetsDeps): RouteDefinition[] => [];
