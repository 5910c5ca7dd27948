import type { ChatTools, Logger } from 'atoll/plugin';
import { toolNotFound } from '../errors';
import type { ChatToolsService } from '../refs';
import { runChecked, runTool } from './run-tool';
import { inputSchemaOf, refusal, toolErrorText, usableTools } from './tool-access';

/** The `chat.tools` service: tool listing and calls with the same checks as the assistant's. */
export function chatToolsService(deps: { tools: () => ChatTools; logger: Logger; timeoutMs: number }): ChatToolsService {
  return {
    usable: (caller) => usableTools(deps.tools(), caller).map(({ pluginId, definition }) => ({ pluginId, definition, inputSchema: inputSchemaOf(definition) })),
    run: async ({ name, input, caller, tenantId, db, signal, asResult }) => {
      const entry = deps.tools().get(name);
      const call = { input, caller, tenantId, db, logger: deps.logger, timeoutMs: deps.timeoutMs, ...(signal ? { signal } : {}) };
      if (!entry || (caller.principal.kind === 'api_key' && refusal(entry.definition, caller))) {
        if (!asResult) throw toolNotFound(name);
        const error = toolNotFound(name);
        return { isError: true, result: { text: toolErrorText(error), summary: error.code }, durationMs: 0 };
      }
      if (asResult) return runTool({ ...call, entry });
      const started = Date.now();
      const result = await runChecked({ ...call, entry });
      return { isError: false, result, durationMs: Date.now() - started };
    },
  };
}
