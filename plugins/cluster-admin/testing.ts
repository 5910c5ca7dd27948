// Test helpers for the cluster admin plugin (not a test file itself).
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../worker/db/connect';
import { createLogger } from '../../worker/logger';

export interface PlatformAuditRow {
  tenant_id: string | null;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  data: Record<string, unknown>;
}

/**
 * Platform audit rows (tenant null) of one request. Row-level security hides them from the app role
 * by design (only operators read them), so this connects as the test database's superuser, which
 * scripts/lib/postgres.ts creates as postgres/postgres beside the app role.
 */
export async function platformAuditRows(requestId: string): Promise<PlatformAuditRow[]> {
  const url = new URL(env.TEST_DATABASE_URL as string);
  url.username = 'postgres';
  url.password = 'postgres';
  const handle = openDatabase({ driver: 'hyperdrive', connectionString: url.toString() }, createLogger('error'));
  try {
    const result = await handle.db.execute(sql`select tenant_id, actor_type, actor_id, action, target_type, target_id, data from kernel_audit_log where request_id = ${requestId} order by created_at`);
    return result.rows as unknown as PlatformAuditRow[];
  } finally {
    await handle.close();
  }
}
