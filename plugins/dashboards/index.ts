import { coreExtensionPoints, definePlugin } from 'atoll/plugin';
import { analyticsServiceRef } from '../analytics';
import { datasetsServiceRef } from '../datasets';
import { dashboardsConfigSchema } from './config';
import { dashboardRoutes } from './routes/dashboards';
import { panelRoutes } from './routes/panels';
import { dashboardsHome } from './views/home';
import { dashboardPages } from './views/pages';

export type { PanelData } from './services/evaluate-panel';
export type { Panel, PanelInput, PanelType } from './services/panel-schema';

/**
 * Dashboards (`/api/v1/dashboards`): panels of type kpi, timeseries, bar, table and text, each a
 * metric query (through the analytics service) or a saved read-only SQL query (through the datasets
 * service), placed on a 12-column grid. Pages under `/app/dashboards` render them server-side with
 * the analytics service's SVG charts, and refresh them when a dataset becomes ready. Permissions:
 * see README.md.
 */
export const dashboardsPlugin = definePlugin(() => ({
  id: 'dashboards',
  version: '0.1.0',
  description: 'Dashboards with panels rendered as SVG charts',
  host: '^0.1.0',
  requires: ['analytics', 'datasets'],
  config: dashboardsConfigSchema,
  migrations: 'plugins/dashboards/migrations',
  routes: (ctx) => {
    // Looked up per request: the datasets plugin provides it in its setup.
    const datasets = () => ctx.service(datasetsServiceRef);
    return [...dashboardRoutes(), ...panelRoutes({ datasets, analytics: ctx.service(analyticsServiceRef) })];
  },
  setup: (ctx) => ctx.extensionPoint(coreExtensionPoints.home).addSource(dashboardsHome),
  views: (ctx) => dashboardPages({ datasets: () => ctx.service(datasetsServiceRef), analytics: ctx.service(analyticsServiceRef), panelBudgetMs: ctx.config.panelBudgetMs }),
}));
