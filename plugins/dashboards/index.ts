import { definePlugin } from 'atoll/plugin';

/** Dashboards of panels (kpi, timeseries, bar, table, text) rendered server-side as SVG. */
export const dashboardsPlugin = definePlugin(() => ({
  id: 'dashboards',
  version: '0.1.0',
  description: 'Dashboards with panels rendered as SVG charts',
  host: '^0.1.0',
  requires: ['analytics', 'datasets'],
  routes: () => [],
}));
