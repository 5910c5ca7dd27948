import type { RouteDefinition } from 'atoll/plugin';
import type { DatasetsDeps } from '../deps';

export const readRoutes = (_deps: DatasetsDeps): RouteDefinition[] => [];
