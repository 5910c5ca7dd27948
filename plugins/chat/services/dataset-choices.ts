import type { ChatTools, Database, Logger } from 'atoll/plugin';
import { runTool } from './run-tool';
import type { Caller } from './tool-access';

/** A dataset a user can point a chat at. */
export interface DatasetChoice {
  id: string;
  name: string;
}

/** The tool that lists datasets (contributed by the datasets plugin, when it is installed). */
const LIST_TOOL = 'datasets_list';

/**
 * The tenant's ready datasets, newest first (at most 100), for the pages' dataset pickers. Chat does
 * not require the datasets plugin, so it cannot take its service; it asks the way the assistant
 * does, through the `datasets_list` tool with the caller's rights. No such tool, or a refusal or
 * failure of it: no choices (the picker is left out), never an error page.
 */
export async function listDatasetChoices({
  ctx,
  input,
}: {
  ctx: { db: Database; tools: ChatTools; logger: Logger; timeoutMs: number };
  input: { tenantId: string; caller: Caller };
}): Promise<DatasetChoice[]> {
  const entry = ctx.tools.get(LIST_TOOL);
  if (!entry) return [];
  const outcome = await runTool({
    entry,
    input: { status: 'ready', limit: 100 },
    caller: input.caller,
    tenantId: input.tenantId,
    db: ctx.db,
    logger: ctx.logger,
    timeoutMs: ctx.timeoutMs,
  });
  const table = outcome.isError ? undefined : outcome.result.table;
  if (!table) return [];
  const id = table.columns.indexOf('id');
  const name = table.columns.indexOf('name');
  if (id < 0 || name < 0) return [];
  return table.rows.flatMap((row) => (typeof row[id] === 'string' && typeof row[name] === 'string' ? [{ id: row[id], name: row[name] }] : []));
}
