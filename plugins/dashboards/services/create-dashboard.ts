import { recordAudit, runInTenant } from 'atoll/plugin';
import { dashboards } from '../db/schema';
import { auditOf, type ServiceContext } from './context';
import type { PanelInput } from './panel-schema';
import { toPanels } from './store';

/** Creates a dashboard, optionally with panels (ids assigned, missing positions stacked below). */
export function createDashboard({ ctx, input }: { ctx: ServiceContext; input: { tenantId: string; name: string; description?: string | null | undefined; panels?: PanelInput[] | undefined } }) {
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    // New panels get new ids, whatever a client sent (a body may carry ids copied from another dashboard).
    const panels = toPanels((input.panels ?? []).map((p) => ({ ...p, id: undefined })));
    const [row] = await tx
      .insert(dashboards)
      .values({ tenantId: input.tenantId, name: input.name, description: input.description ?? null, panels, createdBy: ctx.actor.id })
      .returning();
    await recordAudit(tx, auditOf(ctx, input.tenantId, 'created', row!.id, { name: input.name, panels: panels.length }), ctx.request);
    return row!;
  });
}
