CREATE TABLE "chat_assistants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"instructions" text DEFAULT '' NOT NULL,
	"tools" text[],
	"dataset_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"model" text,
	"max_steps" integer,
	"effort" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"role" text NOT NULL,
	"content" jsonb NOT NULL,
	"run_id" uuid,
	"usage" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"steps" integer DEFAULT 0 NOT NULL,
	"error" text,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_creation_input_tokens" bigint DEFAULT 0 NOT NULL,
	"cache_read_input_tokens" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "chat_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"assistant_id" uuid,
	"title" text NOT NULL,
	"dataset_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"summary" text,
	"summary_through_seq" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_tool_calls" (
	"session_id" uuid NOT NULL,
	"id" text NOT NULL,
	"tenant_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"name" text NOT NULL,
	"input" jsonb NOT NULL,
	"status" text NOT NULL,
	"result" jsonb,
	"is_error" boolean DEFAULT false NOT NULL,
	"duration_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "chat_tool_calls_session_id_id_pk" PRIMARY KEY("session_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "chat_assistants_tenant_name_unique" ON "chat_assistants" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "chat_assistants_tenant_default_unique" ON "chat_assistants" USING btree ("tenant_id") WHERE "chat_assistants"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "chat_messages_session_seq_unique" ON "chat_messages" USING btree ("session_id","seq");--> statement-breakpoint
CREATE INDEX "chat_runs_tenant_created_idx" ON "chat_runs" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "chat_runs_session_idx" ON "chat_runs" USING btree ("session_id","created_at");--> statement-breakpoint
CREATE INDEX "chat_sessions_tenant_user_updated_idx" ON "chat_sessions" USING btree ("tenant_id","user_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "chat_tool_calls_run_idx" ON "chat_tool_calls" USING btree ("run_id");