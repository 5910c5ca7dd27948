import type { JobHandler } from './handlers/types';

/**
 * Handlers of job types that plugin packages add, from the modules named in RUNNER_HANDLERS (each
 * exports `runnerHandlers`, a record of handlers by type), merged over `builtIn`. A type already
 * handled is refused rather than replaced: one runner, one handler per type.
 *
 * @example
 * const handlers = await loadHandlerModules(['@atoll-examples/plugin-polygons/runner'], builtInHandlers);
 */
export async function loadHandlerModules(
  specifiers: readonly string[],
  builtIn: Readonly<Record<string, JobHandler>>,
  load: (specifier: string) => Promise<unknown> = (specifier) => import(specifier),
): Promise<Record<string, JobHandler>> {
  const handlers: Record<string, JobHandler> = { ...builtIn };
  for (const specifier of specifiers) {
    const module = (await load(specifier)) as { runnerHandlers?: unknown };
    const added = module.runnerHandlers;
    if (typeof added !== 'object' || added === null) throw new Error(`RUNNER_HANDLERS: ${specifier} exports no runnerHandlers record`);
    for (const [type, handler] of Object.entries(added)) {
      if (typeof handler !== 'function') throw new Error(`RUNNER_HANDLERS: ${specifier}: the handler of ${type} is not a function`);
      if (type in handlers) throw new Error(`RUNNER_HANDLERS: ${specifier}: job type ${type} already has a handler`);
      handlers[type] = handler as JobHandler;
    }
  }
  return handlers;
}
