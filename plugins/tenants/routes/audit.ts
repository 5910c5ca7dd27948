import { createRoute, defineRoute, getDb, getTenant, problemResponses } from 'atoll/plugin';
import { listAudit } from '../services/list-audit';
import { presentAudit } from './present';
import { AuditEntrySchema, json, PageQuery, pageOf, TenantParams } from './schemas';

const list = createRoute({
  method: 'get',
  path: '/tenants/{id}/audit',
  operationId: 'tenants.listAudit',
  summary: "The tenant's audit log, newest first (admin)",
  request: { params: TenantParams, query: PageQuery },
  responses: { 200: json(pageOf(AuditEntrySchema, 'AuditPage'), 'A page of audit entries'), ...problemResponses(404) },
});

export const auditRoutes = () => [
  defineRoute(
    list,
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const page = await listAudit({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, limit, cursor } });
      return c.json({ items: page.items.map(presentAudit), nextCursor: page.nextCursor }, 200);
    },
    { access: { tenantRole: 'admin' } },
  ),
];
