import type { AnalyticsCharts } from '../refs';
import { ChartStyles } from './chart-styles';
import { BarChart, bucketLabel, DataTable, formatExact, KpiTile, LineChart } from './charts';

/** The chart components `AnalyticsService.charts` hands to other plugins. */
export const analyticsCharts: AnalyticsCharts = { LineChart, BarChart, KpiTile, DataTable, ChartStyles, bucketLabel, formatExact };
