import { definePage, type PageDefinition } from 'atoll/plugin';
import type { AnalyticsDeps } from '../deps';
import { ExplorerChartPartial, ExplorerPage } from './explorer-page';

/** The analytics pages: the explorer and its chart partial (both for viewers of the current tenant). */
export const analyticsPages = (deps: AnalyticsDeps): PageDefinition[] => [
  definePage({ path: '/analytics', title: 'Analytics', nav: { label: 'Analytics', order: 45 }, access: { tenantRole: 'viewer' }, render: (c) => ExplorerPage(c, deps) }),
  definePage({ path: '/analytics/chart', title: 'Analytics', partial: true, access: { tenantRole: 'viewer' }, render: (c) => ExplorerChartPartial(c, deps) }),
];
