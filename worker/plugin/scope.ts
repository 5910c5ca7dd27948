import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger';
import { BootErrorCode, PluginBootError } from './boot-error';
import type { ExtensionPoint, ServiceRef } from './refs';
import type { AnyPluginManifest, AppEnv, PluginContext, SetupContext } from './types';

type Ref = ServiceRef<unknown> | ExtensionPoint<unknown>;

/**
 * Holds services and extension points. A plugin provides only under its own namespace and reads
 * only from itself, the plugins it requires, and the kernel: least privilege between plugins.
 */
export function createPluginScope(logger: Logger) {
  const provided = new Map<string, unknown>();
  const middleware: { pluginId: string; path: string; handler: MiddlewareHandler<AppEnv> }[] = [];
  let sealed = false;

  const put = (m: AnyPluginManifest, ref: Ref, implementation: unknown) => {
    if (ref.owner !== m.id) {
      throw new PluginBootError(BootErrorCode.SERVICE_CONFLICT, `plugin "${m.id}" cannot provide "${ref.id}" (outside its namespace)`, m.id);
    }
    if (provided.has(ref.id)) {
      throw new PluginBootError(BootErrorCode.SERVICE_CONFLICT, `"${ref.id}" is provided twice`, m.id);
    }
    provided.set(ref.id, implementation);
  };

  const take = (m: AnyPluginManifest, ref: Ref): unknown => {
    const allowed = ref.owner === m.id || ref.owner === 'kernel' || (m.requires ?? []).includes(ref.owner);
    if (!allowed) {
      throw new PluginBootError(BootErrorCode.SERVICE_UNAVAILABLE, `plugin "${m.id}" uses "${ref.id}" but does not require "${ref.owner}"`, m.id);
    }
    if (!provided.has(ref.id)) {
      throw new PluginBootError(BootErrorCode.SERVICE_UNAVAILABLE, `"${ref.id}" is not provided (needed by "${m.id}")`, m.id);
    }
    return provided.get(ref.id);
  };

  return {
    middleware,
    /** Called after every setup: extension points close and no more middleware is accepted. */
    seal() {
      sealed = true;
    },
    provideKernel(ref: Ref, implementation: unknown) {
      provided.set(ref.id, implementation);
    },
    contextFor(m: AnyPluginManifest, config: unknown) {
      const pluginLogger = logger.child({ plugin: m.id });
      const plugin: PluginContext<any> = {
        id: m.id,
        config,
        logger: pluginLogger,
        service: <T>(ref: ServiceRef<T>) => take(m, ref) as T,
      };
      const setup: SetupContext<any> = {
        ...plugin,
        provide: (ref, impl) => put(m, ref, impl),
        registerExtensionPoint: (point, impl) => put(m, point, impl),
        extensionPoint: <T>(point: ExtensionPoint<T>) => {
          if (sealed) throw new PluginBootError(BootErrorCode.SERVICE_UNAVAILABLE, `extension point "${point.id}" is only available during setup`, m.id);
          return take(m, point) as T;
        },
        use: (path, handler) => {
          if (sealed) throw new PluginBootError(BootErrorCode.INVALID_MANIFEST, `plugin "${m.id}" added middleware after setup`, m.id);
          middleware.push({ pluginId: m.id, path, handler });
        },
      };
      return { plugin, setup };
    },
  };
}
