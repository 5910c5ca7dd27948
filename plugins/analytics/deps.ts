import type { PluginContext } from 'atoll/plugin';
import { type MetricStore, metricStoreServiceRef } from '../datasets';

/** What the analytics routes and pages work with: the datasets plugin's metric store. */
export interface AnalyticsDeps {
  metrics: MetricStore;
}

export const analyticsDeps = (ctx: PluginContext): AnalyticsDeps => ({ metrics: ctx.service(metricStoreServiceRef) });
