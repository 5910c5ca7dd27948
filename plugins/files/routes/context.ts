import { type AppContext, coreServices, getTenant, type PluginContext } from 'atoll/plugin';
import { actorOf, type FilesContext } from '../services/context';

export interface FilesConfig {
  maxUploadBytes: number;
}

/** The files services' context for this request: storage, the resolved tenant, the actor. */
export const filesContext = (c: AppContext, plugin: PluginContext<FilesConfig>): FilesContext => ({
  storage: plugin.service(coreServices.storage),
  tenantId: getTenant(c).id,
  actor: actorOf(c.get('principal')),
  request: c,
  maxUploadBytes: plugin.config.maxUploadBytes,
});
