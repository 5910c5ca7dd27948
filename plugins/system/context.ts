import type { HostInfo, PluginContext } from 'atoll/plugin';
import type { SystemConfig } from './config';

/** What the system plugin's routes and views need, resolved once at boot. */
export interface SystemContext {
  config: SystemConfig;
  host: HostInfo;
}

export const systemContext = (ctx: PluginContext<SystemConfig>, host: HostInfo): SystemContext => ({ config: ctx.config, host });
