export { type Bar, BarChart, MAX_BARS } from './bar-chart';
export { DataTable } from './data-table';
export type { ChartSize } from './frame';
export { KpiTile } from './kpi-tile';
export { LineChart, type LineChartProps } from './line-chart';
export { formatExact, formatNumber, linearScale, niceNumber, niceTicks, type Ticks } from './scale';
export { axisLabel, bucketLabel, timeTicks } from './time-labels';
