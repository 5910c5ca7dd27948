CREATE TABLE "jobs_dispatch_state" (
	"task_definition" text PRIMARY KEY NOT NULL,
	"last_started_at" timestamp with time zone,
	"last_target" integer
);
--> statement-breakpoint
CREATE TABLE "jobs_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"detail" jsonb,
	"actor" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs_idempotency_keys" (
	"tenant_id" uuid NOT NULL,
	"created_by" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"job_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_idempotency_keys_tenant_id_created_by_key_pk" PRIMARY KEY("tenant_id","created_by","key")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"type" text NOT NULL,
	"input" jsonb NOT NULL,
	"input_hash" text NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"lease_seconds" integer NOT NULL,
	"task_definition" text,
	"created_by" text NOT NULL,
	"created_by_kind" text NOT NULL,
	"result" jsonb,
	"error" text,
	"cancel_requested_at" timestamp with time zone,
	"assignment_id" uuid,
	"runner_id" text,
	"runner_key_id" text,
	"lease_expires_at" timestamp with time zone,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "jobs_events_job_idx" ON "jobs_events" USING btree ("job_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_cache_unique" ON "jobs" USING btree ("tenant_id","type","input_hash") WHERE status in ('PENDING', 'RUNNING', 'SUCCEEDED');--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_assignment_unique" ON "jobs" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "jobs_pending_idx" ON "jobs" USING btree ("type","created_at") WHERE status = 'PENDING';--> statement-breakpoint
CREATE INDEX "jobs_running_lease_idx" ON "jobs" USING btree ("lease_expires_at") WHERE status = 'RUNNING';--> statement-breakpoint
CREATE INDEX "jobs_tenant_created_idx" ON "jobs" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "jobs_tenant_creator_created_idx" ON "jobs" USING btree ("tenant_id","created_by","created_at","id");