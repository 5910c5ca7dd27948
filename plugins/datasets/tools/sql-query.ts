import { type ChatToolDefinition, TOOL_TEXT_ROWS, toolTable, z } from 'atoll/plugin';
import { datasetsServiceRef } from '../refs';
import { READ } from '../routes/access';
import { MAX_SQL_CHARS, ROW_CAP, STATEMENT_TIMEOUT_MS } from '../services/sql/limits';

/** Rows a tool query returns by default: enough to answer with, small enough to store with the chat. */
const DEFAULT_ROWS = 200;

const Input = z.object({
  sql: z
    .string()
    .min(1)
    .max(MAX_SQL_CHARS)
    .describe('One read-only PostgreSQL SELECT (or WITH … SELECT). Refer to datasets by name as tables; metric datasets have the columns metric, value, timestamp.'),
  limit: z.number().int().min(1).max(ROW_CAP).default(DEFAULT_ROWS).describe(`Rows to return at most (default ${DEFAULT_ROWS}, at most ${ROW_CAP})`),
});

/**
 * `datasets_sql_query`: the read-only SQL engine (SQL.md) through the plugin's service, so a tool
 * call counts against the tenant's SQL rate and runs within the plugin's time, memory and result
 * bounds, exactly as a REST query does.
 */
export const sqlQueryTool: ChatToolDefinition<z.output<typeof Input>> = {
  name: 'datasets_sql_query',
  description:
    "Runs one read-only SQL SELECT over the tenant's ready datasets (PostgreSQL dialect; each dataset is a table named after it) and returns the rows as CSV, " +
    `at most ${TOOL_TEXT_ROWS} of them in this text. Aggregate in SQL (GROUP BY, ORDER BY, LIMIT) rather than reading many rows. ` +
    `Writes, other tables and system functions are refused; a query stops after ${STATEMENT_TIMEOUT_MS / 1000} seconds.`,
  input: Input,
  minRole: READ.tenantRole,
  scopes: READ.scopes,
  run: async (input, ctx) => {
    const result = await ctx.plugin.service(datasetsServiceRef).runQuery({ db: ctx.db, tenantId: ctx.tenantId, sql: input.sql, limit: input.limit });
    const { text, table } = toolTable({ columns: result.columns.map((c) => c.name), rows: result.rows, truncated: result.truncated });
    const types = result.columns.map((c) => `${c.name} ${c.type}`).join(', ');
    const summary = `${result.rowCount}${result.truncated ? '+' : ''} row${result.rowCount === 1 ? '' : 's'} in ${Math.round(result.durationMs)} ms`;
    return { text: `${summary}; columns: ${types}\n${text}`, table, summary };
  },
};
