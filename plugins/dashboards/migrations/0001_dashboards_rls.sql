-- Dashboards belong to a tenant: deleting the tenant deletes its dashboards. Row-level security shows
-- and accepts only the rows of the request's tenant (atoll.tenant_id, set by runInTenant). The checks
-- repeat the API's limits so no writer can store more.
ALTER TABLE "dashboards" ADD CONSTRAINT "dashboards_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "dashboards" ADD CONSTRAINT "dashboards_name_length_check" CHECK (char_length("name") BETWEEN 1 AND 200);
--> statement-breakpoint
ALTER TABLE "dashboards" ADD CONSTRAINT "dashboards_panels_check" CHECK (jsonb_typeof("panels") = 'array' AND jsonb_array_length("panels") <= 50);
--> statement-breakpoint
ALTER TABLE "dashboards" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "dashboards" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "dashboards_tenant" ON "dashboards" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
