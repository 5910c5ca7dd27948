-- Jobs belong to a tenant (cascade). Row-level security: the usual tenant policy, plus a permissive
-- policy for the runner paths (claim across tenants for the platform runner, heartbeat and result by
-- assignment, the lease sweep, the ECS dispatcher) that the app turns on for one transaction with
-- set_config('atoll.jobs_all_tenants', 'on', true). Only app code sets it; the read-only SQL role
-- has no grant on these tables.
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_status_check" CHECK ("status" IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT'));
--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_created_by_kind_check" CHECK ("created_by_kind" IN ('user', 'api_key'));
--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_attempts_check" CHECK ("attempts" >= 0 AND "max_attempts" >= 1 AND "lease_seconds" >= 1);
--> statement-breakpoint
ALTER TABLE "jobs_events" ADD CONSTRAINT "jobs_events_job_id_fk" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "jobs_events" ADD CONSTRAINT "jobs_events_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "jobs_idempotency_keys" ADD CONSTRAINT "jobs_idempotency_keys_job_id_fk" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "jobs_idempotency_keys" ADD CONSTRAINT "jobs_idempotency_keys_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "jobs" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "jobs" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "jobs_tenant" ON "jobs" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY "jobs_all_tenants" ON "jobs" FOR ALL
  USING (current_setting('atoll.jobs_all_tenants', true) = 'on')
  WITH CHECK (current_setting('atoll.jobs_all_tenants', true) = 'on');
--> statement-breakpoint
ALTER TABLE "jobs_events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "jobs_events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "jobs_events_tenant" ON "jobs_events" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY "jobs_events_all_tenants" ON "jobs_events" FOR ALL
  USING (current_setting('atoll.jobs_all_tenants', true) = 'on')
  WITH CHECK (current_setting('atoll.jobs_all_tenants', true) = 'on');
--> statement-breakpoint
ALTER TABLE "jobs_idempotency_keys" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "jobs_idempotency_keys" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "jobs_idempotency_keys_tenant" ON "jobs_idempotency_keys" FOR ALL
  USING ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = nullif(current_setting('atoll.tenant_id', true), '')::uuid);
--> statement-breakpoint
REVOKE ALL ON "jobs", "jobs_events", "jobs_idempotency_keys", "jobs_dispatch_state" FROM PUBLIC;
