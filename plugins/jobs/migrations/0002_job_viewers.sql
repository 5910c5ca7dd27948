CREATE TABLE "jobs_viewers" (
	"job_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"viewer_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_viewers_job_id_viewer_id_pk" PRIMARY KEY("job_id","viewer_id")
);
--> statement-breakpoint
CREATE INDEX "jobs_viewers_viewer_idx" ON "jobs_viewers" USING btree ("tenant_id","viewer_id");--> statement-breakpoint
-- Who got someone else's job from the cache may see it. Tenant-owned: cascade with the job and the
-- tenant, and the usual tenant policy (no all-tenants path needs it).
ALTER TABLE "jobs_viewers" ADD CONSTRAINT "jobs_viewers_job_id_fk" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "jobs_viewers" ADD CONSTRAINT "jobs_viewers_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "jobs_viewers" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "jobs_viewers" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "jobs_viewers_tenant" ON "jobs_viewers" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
REVOKE ALL ON "jobs_viewers" FROM PUBLIC;
