-- Polygons and their notes belong to a tenant: deleting the tenant deletes them. Row-level security
-- shows and accepts only the rows of the request's tenant (atoll.tenant_id, set by runInTenant).
ALTER TABLE "polygons" ADD CONSTRAINT "polygons_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "polygons" ADD CONSTRAINT "polygons_name_length_check" CHECK (char_length("name") BETWEEN 1 AND 200);
--> statement-breakpoint
ALTER TABLE "polygons" ADD CONSTRAINT "polygons_geometry_type_check" CHECK ("geometry"->>'type' = 'Polygon' AND jsonb_typeof("geometry"->'coordinates') = 'array');
--> statement-breakpoint
ALTER TABLE "polygons" ADD CONSTRAINT "polygons_position_count_check" CHECK ("position_count" BETWEEN 4 AND 1000);
--> statement-breakpoint
ALTER TABLE "polygons" ADD CONSTRAINT "polygons_area_check" CHECK ("area_square_meters" >= 0);
--> statement-breakpoint
-- (tenant_id, id) is unique so a note can reference a polygon of its own tenant only.
ALTER TABLE "polygons" ADD CONSTRAINT "polygons_tenant_id_id_unique" UNIQUE ("tenant_id", "id");
--> statement-breakpoint
ALTER TABLE "polygons_notes" ADD CONSTRAINT "polygons_notes_polygon_fk" FOREIGN KEY ("tenant_id", "polygon_id") REFERENCES "polygons"("tenant_id", "id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "polygons_notes" ADD CONSTRAINT "polygons_notes_body_length_check" CHECK (char_length("body") BETWEEN 1 AND 4000);
--> statement-breakpoint
ALTER TABLE "polygons" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "polygons" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "polygons_tenant" ON "polygons" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE "polygons_notes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "polygons_notes" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "polygons_notes_tenant" ON "polygons_notes" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
