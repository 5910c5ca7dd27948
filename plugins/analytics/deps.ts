import type { PluginContext } from 'atoll/plugin';
import { metricStoreServiceRef, type MetricStore } from '../datasets';

/** What the analytics routes and pages work with: the datasets plugin's metric store. */
export interface AnalyticsDeps {
  metrics: MetricStore;
}

export const analyticsDeps = (ctx: PluginContext): AnalyticsDeps => ({ metrics: ctx.service(metricStoreServiceRef) });
