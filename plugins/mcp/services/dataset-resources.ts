import { type ListResourcesResult, McpError, type ReadResourceResult, type ResourceTemplate } from '@modelcontextprotocol/sdk/types.js';
import { JsonRpcCode, McpErrorCode, rateLimitedText } from '../errors';
import { chargeCall } from './charge-call';
import type { McpDeps, McpSession } from './context';

const PREFIX = 'atoll://datasets/';
/** The scope the datasets plugin's reads ask API keys for (its README): resources follow the same rule. */
export const DATASETS_READ_SCOPE = 'datasets:read';
const PAGE = 100;
const MAX_REF_CHARS = 100;

/** Whether the key may read the tenant's datasets, so the server offers them as resources at all. */
export const mayReadDatasets = (session: McpSession) => session.caller.principal.kind !== 'api_key' || session.caller.principal.scopes.includes(DATASETS_READ_SCOPE);

export const datasetUri = (ref: string) => `${PREFIX}${encodeURIComponent(ref)}`;

/** The dataset a URI names (its id or name), or null for anything else. */
function refOf(uri: string): string | null {
  if (!uri.startsWith(PREFIX)) return null;
  let ref: string;
  try {
    ref = decodeURIComponent(uri.slice(PREFIX.length));
  } catch {
    return null;
  }
  return ref.length > 0 && ref.length <= MAX_REF_CHARS && !ref.includes('/') ? ref : null;
}

const notFound = (uri: string) => new McpError(JsonRpcCode.RESOURCE_NOT_FOUND, `${McpErrorCode.RESOURCE_NOT_FOUND}: no dataset at ${uri.slice(0, 200)} in this tenant`, { uri: uri.slice(0, 200) });

export const DATASET_TEMPLATE: ResourceTemplate = {
  uriTemplate: `${PREFIX}{dataset}`,
  name: 'dataset',
  title: 'Dataset',
  description: 'A dataset of the tenant by id or name: kind, status, row count, its columns with their SQL types, and once ready a per-column summary (count, nulls, distinct, min, max, mean).',
  mimeType: 'application/json',
};

/** `resources/list`: the tenant's datasets, newest first, a page at a time (the datasets API's cursor). */
export async function listDatasetResources({ deps, session, cursor }: { deps: McpDeps; session: McpSession; cursor?: string | undefined }): Promise<ListResourcesResult> {
  const page = await deps.datasets().listDatasets({ db: session.db, tenantId: session.tenantId, limit: PAGE, cursor });
  return {
    resources: page.items.map((d) => ({
      uri: datasetUri(d.id),
      name: d.name,
      title: d.name,
      description: `${d.kind} dataset, ${d.status}, ${d.rowCount} rows${d.description ? `: ${d.description}` : ''}`,
      mimeType: 'application/json',
    })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

/**
 * `resources/read`: one dataset's schema and summary as JSON. A summary reads every row, so a read
 * counts against the key's `MCP_CALLS_PER_MINUTE` as a tool call does.
 */
export async function readDatasetResource({ deps, session, uri }: { deps: McpDeps; session: McpSession; uri: string }): Promise<ReadResourceResult> {
  const ref = refOf(uri);
  if (!ref) throw notFound(uri);
  const charge = await chargeCall(deps, session);
  if (!charge.allowed) throw new McpError(JsonRpcCode.RATE_LIMITED, rateLimitedText(deps.config.callsPerMinute, charge.retryAfterSeconds));
  const described = await deps.datasets().describeDataset({ db: session.db, tenantId: session.tenantId, ref, logger: deps.logger });
  if (!described) throw notFound(uri);
  const { dataset, columns, summary } = described;
  return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify({ ...dataset, columns, summary }) }] };
}
