import { chartTool } from './chart';
import { listMetricsTool } from './list-metrics';
import { timeseriesTool } from './timeseries';

/** The analytics plugin's assistant tools (read-only, `analytics:read`). */
export const analyticsTools = [listMetricsTool, timeseriesTool, chartTool];
