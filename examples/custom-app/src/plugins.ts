// The plugins this Worker installs. Both the Worker entry (src/index.ts) and Atoll's Node commands
// (`npm run dev` and `npm run db:migrate`, given `--plugins src/plugins.ts`) read this list, so the
// migrations applied are always those of the plugins served.
import { polygonsPlugin } from '@atoll-examples/plugin-polygons';
import type { AnyPluginManifest } from 'atoll/plugin';
import { authPlugin } from 'atoll/plugins/auth';
import { jobsPlugin } from 'atoll/plugins/jobs';
import { systemPlugin } from 'atoll/plugins/system';
import { tenantsPlugin } from 'atoll/plugins/tenants';

/** First-party plugins from `atoll/plugins/<id>`, third-party ones from their packages; any order. */
export const installedPlugins = (): AnyPluginManifest[] => [authPlugin(), systemPlugin(), tenantsPlugin(), jobsPlugin(), polygonsPlugin()];
