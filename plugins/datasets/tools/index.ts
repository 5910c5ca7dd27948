import { describeDatasetTool } from './describe-dataset';
import { listDatasetsTool } from './list-datasets';
import { sqlQueryTool } from './sql-query';

/** The datasets plugin's assistant tools (all read-only, `datasets:read`). */
export const datasetTools = [listDatasetsTool, describeDatasetTool, sqlQueryTool];
