-- Tenant isolation for the audit log: a request bound to a tenant (atoll.tenant_id, set locally in
-- its transaction) sees only that tenant's rows. Platform rows (tenant_id null) can be written from
-- any scope but are read only by operators connecting outside the app role's policies.
ALTER TABLE "kernel_audit_log" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "kernel_audit_log" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "kernel_audit_log_tenant_read" ON "kernel_audit_log" FOR SELECT
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY "kernel_audit_log_insert" ON "kernel_audit_log" FOR INSERT
  WITH CHECK ("tenant_id" IS NULL OR "tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
