import { coreServices, definePage, definePlugin } from 'atoll/plugin';
import { systemConfigSchema } from './config';
import { systemContext } from './context';
import { getInfoRoute } from './routes/get-info';
import { describeSystem } from './services/describe-system';
import { SystemPage } from './views/system-page';

/** Built-in plugin: version information for the API and the UI. Proves the plugin path end to end. */
export const systemPlugin = definePlugin(() => ({
  id: 'system',
  version: '0.1.0',
  description: 'Version information',
  host: '^0.1.0',
  config: systemConfigSchema,
  routes: (ctx) => [getInfoRoute(systemContext(ctx, ctx.service(coreServices.host)))],
  views: (ctx) => {
    const sys = systemContext(ctx, ctx.service(coreServices.host));
    return [
      definePage({
        path: '/system',
        title: 'System',
        nav: { label: 'System', order: 900 },
        access: 'public',
        render: () => <SystemPage info={describeSystem({ input: { host: sys.host, build: sys.config.build } })} />,
      }),
    ];
  },
}));
