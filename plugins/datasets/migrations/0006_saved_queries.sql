-- Saved SQL queries of a tenant (the console's saved list). Names are unique per tenant ignoring case;
-- row-level security shows and accepts only the request's tenant's rows. The read-only SQL role has
-- no grant on this table.
CREATE TABLE "datasets_saved_queries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sql" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "datasets_saved_queries_tenant_name_unique" ON "datasets_saved_queries" USING btree ("tenant_id",lower("name"));
--> statement-breakpoint
ALTER TABLE "datasets_saved_queries" ADD CONSTRAINT "datasets_saved_queries_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "datasets_saved_queries" ADD CONSTRAINT "datasets_saved_queries_name_check" CHECK (char_length("name") BETWEEN 1 AND 100);
--> statement-breakpoint
ALTER TABLE "datasets_saved_queries" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "datasets_saved_queries" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "datasets_saved_queries_tenant" ON "datasets_saved_queries" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
