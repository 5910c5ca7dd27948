import { describe, expect, it } from 'vitest';
import { loadHandlerModules } from './handler-modules';
import { builtInHandlers } from './handlers/index';

describe('RUNNER_HANDLERS modules', () => {
  it("adds a plugin package's handlers (the polygons package's area report) to the built-in ones", async () => {
    const handlers = await loadHandlerModules(['@atoll-examples/plugin-polygons/runner'], builtInHandlers);
    expect(Object.keys(handlers).sort()).toEqual([...Object.keys(builtInHandlers), 'polygons.area-report'].sort());
    expect(typeof handlers['polygons.area-report']).toBe('function');
  });

  it('refuses a module without runnerHandlers, a handler that is not a function, and a type handled twice', async () => {
    const modules: Record<string, unknown> = {
      none: {},
      bad: { runnerHandlers: { 'x.y': 42 } },
      twice: { runnerHandlers: { 'datasets.export': async () => ({}) } },
    };
    const load = async (s: string) => modules[s];
    await expect(loadHandlerModules(['none'], builtInHandlers, load)).rejects.toThrow('none exports no runnerHandlers record');
    await expect(loadHandlerModules(['bad'], builtInHandlers, load)).rejects.toThrow('the handler of x.y is not a function');
    await expect(loadHandlerModules(['twice'], builtInHandlers, load)).rejects.toThrow('job type datasets.export already has a handler');
  });
});
