import type { RouteDefinition } from 'atoll/plugin';
import type { DatasetsDeps } from '../deps';

export const queryRoutes = (_deps: DatasetsDeps): RouteDefinition[] => [];
