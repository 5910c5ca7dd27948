import { analyticsPlugin } from '../plugins/analytics';
import { artifactsPlugin } from '../plugins/artifacts';
import { authPlugin } from '../plugins/auth';
import { chatPlugin } from '../plugins/chat';
import { clusterAdminPlugin } from '../plugins/cluster-admin';
import { dashboardsPlugin } from '../plugins/dashboards';
import { datasetsPlugin } from '../plugins/datasets';
import { filesPlugin } from '../plugins/files';
import { jobsPlugin } from '../plugins/jobs';
import { mcpPlugin } from '../plugins/mcp';
import { projectsPlugin } from '../plugins/projects';
import { realtimePlugin } from '../plugins/realtime';
import { systemPlugin } from '../plugins/system';
import { tenantsPlugin } from '../plugins/tenants';
import type { AnyPluginManifest } from './plugin/types';

/**
 * The plugins Atoll's own Worker installs, in any order (the host orders them by `requires`):
 * worker/index.ts gives them to `createAtoll`, and `npm run dev` / `npm run db:migrate` migrate them.
 */
export const installedPlugins = (): AnyPluginManifest[] => [
  authPlugin(),
  systemPlugin(),
  tenantsPlugin(),
  filesPlugin(),
  projectsPlugin(),
  artifactsPlugin(),
  realtimePlugin(),
  datasetsPlugin(),
  analyticsPlugin(),
  dashboardsPlugin(),
  jobsPlugin(),
  clusterAdminPlugin(),
  chatPlugin(),
  mcpPlugin(),
];
