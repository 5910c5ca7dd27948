-- Artifacts belong to a project of their tenant: deleting either deletes them (the stored objects are
-- deleted by the services; see README.md). Checks mirror the API's enums. Row-level security on all
-- three tables shows and accepts only the request's tenant (atoll.tenant_id, set by runInTenant).
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_project_id_fk" FOREIGN KEY ("tenant_id", "project_id") REFERENCES "projects"("tenant_id", "id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_kind_check" CHECK ("kind" IN ('dataset', 'model', 'report', 'figure', 'file'));
--> statement-breakpoint
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_status_check" CHECK ("status" IN ('draft', 'ready', 'archived'));
--> statement-breakpoint
ALTER TABLE "artifacts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "artifacts" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "artifacts_tenant" ON "artifacts" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE "artifacts_versions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "artifacts_versions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "artifacts_versions_tenant" ON "artifacts_versions" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE "artifacts_uploads" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "artifacts_uploads" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "artifacts_uploads_tenant" ON "artifacts_uploads" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
