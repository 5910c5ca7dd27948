export { LineChart, type LineChartProps } from './line-chart';
export { BarChart, MAX_BARS, type Bar } from './bar-chart';
export { KpiTile } from './kpi-tile';
export { DataTable } from './data-table';
export { niceTicks, niceNumber, linearScale, formatNumber, formatExact, type Ticks } from './scale';
export { bucketLabel, axisLabel, timeTicks } from './time-labels';
export type { ChartSize } from './frame';
