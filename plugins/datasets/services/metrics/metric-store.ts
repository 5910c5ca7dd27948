import type { MetricStore } from '../../refs';
import { aggregateMetric, metricSeries } from './aggregate-metric';
import { countMetrics, datasetTotals } from './dataset-totals';
import { hasDataset, listMetricDatasets, listStoredMetrics } from './list-stored-metrics';

/** What the datasets plugin provides as `metricStoreServiceRef`: every read of metric points other plugins make. */
export const metricStore: MetricStore = {
  hasDataset,
  aggregate: aggregateMetric,
  series: metricSeries,
  listMetrics: listStoredMetrics,
  listMetricDatasets,
  datasetTotals,
  countMetrics,
};
