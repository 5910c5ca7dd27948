import { artifactsPlugin } from '../plugins/artifacts';
import { authPlugin } from '../plugins/auth';
import { filesPlugin } from '../plugins/files';
import { projectsPlugin } from '../plugins/projects';
import { systemPlugin } from '../plugins/system';
import { tenantsPlugin } from '../plugins/tenants';
import type { AnyPluginManifest } from './plugin/types';

/** The plugins this deployment installs, in any order (the host orders them by `requires`). */
export const installedPlugins = (): AnyPluginManifest[] => [authPlugin(), systemPlugin(), tenantsPlugin(), filesPlugin(), projectsPlugin(), artifactsPlugin()];
