import { type Database, listAuditEntries } from 'atoll/plugin';
import { invalidCursor } from '../errors';

/** The tenant's audit log, newest first, a page at a time (the kernel keeps the log). */
export async function listAudit({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; limit: number; cursor?: string | undefined } }) {
  const page = await listAuditEntries(ctx.db, input);
  if (!page) throw invalidCursor();
  return page;
}
