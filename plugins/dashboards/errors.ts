import { conflict, notFound, validationFailed } from 'atoll/plugin';

/** Every error code the dashboards plugin returns. */
export const DashboardsErrorCode = {
  NOT_FOUND: 'DASHBOARDS_NOT_FOUND',
  PANEL_NOT_FOUND: 'DASHBOARDS_PANEL_NOT_FOUND',
  PANEL_LIMIT: 'DASHBOARDS_PANEL_LIMIT',
  INVALID_ORDER: 'DASHBOARDS_INVALID_ORDER',
  INVALID_CURSOR: 'DASHBOARDS_INVALID_CURSOR',
  GRID_FULL: 'DASHBOARDS_GRID_FULL',
} as const;

export const dashboardNotFound = () => notFound(DashboardsErrorCode.NOT_FOUND, 'No such dashboard in this tenant');
export const panelNotFound = () => notFound(DashboardsErrorCode.PANEL_NOT_FOUND, 'No such panel on this dashboard');
export const panelLimit = (max: number) => conflict(DashboardsErrorCode.PANEL_LIMIT, `A dashboard holds at most ${max} panels`);
export const gridFull = () => conflict(DashboardsErrorCode.GRID_FULL, 'No room left on the grid: a panel would start below row 99');
export const invalidOrder = (message: string) => validationFailed(DashboardsErrorCode.INVALID_ORDER, 'The panel order is invalid', [{ location: 'body', path: 'panelIds', message }]);
export const invalidCursor = () => validationFailed(DashboardsErrorCode.INVALID_CURSOR, 'The cursor is invalid', [{ location: 'query', path: 'cursor', message: 'Invalid cursor' }]);
