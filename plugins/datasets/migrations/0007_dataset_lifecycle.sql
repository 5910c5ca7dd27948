-- The dataset lifecycle (README.md): the kind guessed from the CSV header at each ingestion, column
-- types chosen by the user, and the warnings of columns that fell to text because of a few cells.
ALTER TABLE "datasets" ADD COLUMN "kind_from_header" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "datasets" ADD COLUMN "column_types" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "datasets" ADD COLUMN "column_warnings" jsonb DEFAULT '[]'::jsonb NOT NULL;