import { listJobTypesTool } from './list-job-types';
import { startJobTool } from './start-job';

/** The jobs plugin's assistant tools: which types exist (read) and starting one (a write the user approves). */
export const jobTools = [listJobTypesTool, startJobTool];
