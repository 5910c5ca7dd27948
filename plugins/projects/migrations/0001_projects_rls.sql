-- Projects belong to a tenant: deleting the tenant deletes its projects. Row-level security shows
-- and accepts only the rows of the request's tenant (atoll.tenant_id, set by runInTenant).
ALTER TABLE "projects" ADD CONSTRAINT "projects_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_name_length_check" CHECK (char_length("name") BETWEEN 1 AND 200);
--> statement-breakpoint
-- (tenant_id, id) is unique so items can reference a project of their own tenant only.
ALTER TABLE "projects" ADD CONSTRAINT "projects_tenant_id_id_unique" UNIQUE ("tenant_id", "id");
--> statement-breakpoint
ALTER TABLE "projects" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "projects" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "projects_tenant" ON "projects" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
