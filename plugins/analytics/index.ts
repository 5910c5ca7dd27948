import { definePlugin } from 'atoll/plugin';

/** Analytics over metric datasets: metrics, time series and the tenant summary. */
export const analyticsPlugin = definePlugin(() => ({
  id: 'analytics',
  version: '0.1.0',
  description: 'Metrics, time series and summaries over metric datasets',
  host: '^0.1.0',
  requires: ['datasets'],
  routes: () => [],
}));
