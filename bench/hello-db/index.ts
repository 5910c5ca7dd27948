// Bare Hono baseline with a database for `npm run bench`: what any Worker must do to serve Atoll's
// first page of projects, and nothing else (no auth, no middleware). Per request it opens one `pg`
// connection through the Hyperdrive binding, sends Atoll's list SELECT under the same row-level
// security setting in a single round trip, returns the rows as Atoll shapes them and closes the
// connection in waitUntil.
import { Hono } from 'hono';
import pg from 'pg';
// Atoll's socket: one write per query, so neither side waits on the local proxy's Nagle stall.
import { BatchingSocket } from '../../worker/db/batching-socket';

interface Env {
  HYPERDRIVE: { connectionString: string };
}

interface ProjectRow {
  id: string;
  name: string;
  description: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE = 50;
// The statement drizzle builds for listProjects' default page (sort by name, limit 50 + 1); the
// tenant filter is the projects_tenant policy's, exactly as in Atoll.
const LIST = `select "id", "tenant_id", "name", "description", "created_by", "created_at", "updated_at", lower("projects"."name") from "projects" order by lower("projects"."name") asc, "projects"."id" asc limit ${PAGE + 1}`;
// pg calls a stream factory with the connection's settings; its types only know the Node socket.
const stream = ((options: { ssl?: unknown }) => new BatchingSocket(Boolean(options.ssl))) as unknown as pg.ClientConfig['stream'];

const app = new Hono<{ Bindings: Env }>();

app.get('/', (c) => c.text('ok'));

app.get('/projects', async (c) => {
  const tenantId = c.req.header('x-tenant-id') ?? '';
  if (!UUID.test(tenantId)) return c.json({ error: 'x-tenant-id must be a tenant id' }, 400);
  const client = new pg.Client({ connectionString: c.env.HYPERDRIVE.connectionString, connectionTimeoutMillis: 5_000, stream });
  try {
    await client.connect();
    // One simple query: the transaction, its tenant setting, the SELECT and the commit together.
    const results = (await client.query(`begin; select set_config('atoll.tenant_id', ${pg.escapeLiteral(tenantId)}, true); ${LIST}; commit`)) as unknown as pg.QueryResult<ProjectRow>[];
    const rows = results[2]!.rows;
    // The benchmark seeds less than a page, so Atoll answers nextCursor null too.
    return c.json({
      items: rows.slice(0, PAGE).map((p) => ({
        id: p.id,
        name: p.name,
        description: p.description,
        createdBy: p.created_by,
        createdAt: p.created_at.toISOString(),
        updatedAt: p.updated_at.toISOString(),
      })),
      nextCursor: null,
    });
  } finally {
    c.executionCtx.waitUntil(client.end().catch(() => {}));
  }
});

export default app;
