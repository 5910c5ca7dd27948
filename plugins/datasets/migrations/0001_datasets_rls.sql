-- Datasets belong to a tenant; their rows belong to a dataset of the same tenant (composite key),
-- so deleting a tenant or a dataset deletes the rows. Row-level security shows and accepts only
-- the rows of the request's tenant (atoll.tenant_id, set by runInTenant).
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_tenant_id_id_unique" UNIQUE ("tenant_id", "id");
--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_name_check" CHECK ("name" ~ '^[A-Za-z][A-Za-z0-9_]{0,62}$');
--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_kind_check" CHECK ("kind" IN ('metric', 'table'));
--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_status_check" CHECK ("status" IN ('created', 'queued', 'ingesting', 'ready', 'error'));
--> statement-breakpoint
ALTER TABLE "datasets_metric_points" ADD CONSTRAINT "datasets_metric_points_dataset_fk" FOREIGN KEY ("tenant_id", "dataset_id") REFERENCES "datasets"("tenant_id", "id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "datasets_table_rows" ADD CONSTRAINT "datasets_table_rows_dataset_fk" FOREIGN KEY ("tenant_id", "dataset_id") REFERENCES "datasets"("tenant_id", "id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "datasets" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "datasets" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "datasets_tenant" ON "datasets" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE "datasets_metric_points" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "datasets_metric_points" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "datasets_metric_points_tenant" ON "datasets_metric_points" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE "datasets_table_rows" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "datasets_table_rows" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "datasets_table_rows_tenant" ON "datasets_table_rows" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
