CREATE TABLE "datasets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"kind" text NOT NULL,
	"format" text NOT NULL,
	"status" text DEFAULT 'created' NOT NULL,
	"object_key" text NOT NULL,
	"size_bytes" bigint,
	"columns" jsonb,
	"row_count" bigint DEFAULT 0 NOT NULL,
	"skipped_count" bigint DEFAULT 0 NOT NULL,
	"row_errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"run_id" uuid,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ingested_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "datasets_metric_points" (
	"tenant_id" uuid NOT NULL,
	"dataset_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"value" double precision NOT NULL,
	"ts" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "datasets_table_rows" (
	"tenant_id" uuid NOT NULL,
	"dataset_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"cells" jsonb NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "datasets_tenant_name_unique" ON "datasets" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE INDEX "datasets_tenant_created_idx" ON "datasets" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "datasets_metric_points_dataset_idx" ON "datasets_metric_points" USING btree ("dataset_id","metric","ts");--> statement-breakpoint
CREATE INDEX "datasets_metric_points_tenant_idx" ON "datasets_metric_points" USING btree ("tenant_id","metric","ts");--> statement-breakpoint
CREATE INDEX "datasets_table_rows_dataset_idx" ON "datasets_table_rows" USING btree ("dataset_id","row_number");