import { z } from 'atoll/plugin';

/**
 * `DASHBOARDS_PANEL_BUDGET_MS`: how long a dashboard page spends drawing panels itself (default
 * 3,000 ms); panels left when it runs out load by their own requests once the page is shown.
 */
export const dashboardsConfigSchema = z.object({
  panelBudgetMs: z.coerce.number().int().min(0).max(60_000).default(3_000),
});

export type DashboardsConfig = z.output<typeof dashboardsConfigSchema>;
