-- Stale ingestion runs (README.md, "Stale runs"): each dataset's current run records when it last
-- made progress in datasets_ingest_progress (a table of its own: the run holds the dataset row's lock
-- for its whole transaction, so a heartbeat on that row would wait for the run itself).
CREATE TABLE "datasets_ingest_progress" (
	"dataset_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"progressed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "datasets_busy_idx" ON "datasets" USING btree ("status") WHERE "datasets"."status" in ('queued', 'ingesting');
--> statement-breakpoint
ALTER TABLE "datasets_ingest_progress" ADD CONSTRAINT "datasets_ingest_progress_dataset_fk" FOREIGN KEY ("tenant_id", "dataset_id") REFERENCES "datasets"("tenant_id", "id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "datasets_ingest_progress" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "datasets_ingest_progress" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "datasets_ingest_progress_tenant" ON "datasets_ingest_progress" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
-- The cron sweep finds stale runs in every tenant with set_config('atoll.datasets_sweep', 'on', true)
-- for one transaction: reading only (SELECT policies), it then fails each run in that run's tenant.
-- Only app code sets it; the read-only SQL role has no grant on these tables.
CREATE POLICY "datasets_sweep" ON "datasets" FOR SELECT
  USING (current_setting('atoll.datasets_sweep', true) = 'on');
--> statement-breakpoint
CREATE POLICY "datasets_ingest_progress_sweep" ON "datasets_ingest_progress" FOR SELECT
  USING (current_setting('atoll.datasets_sweep', true) = 'on');
